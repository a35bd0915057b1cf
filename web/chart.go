package web

import (
	"strconv"
	"strings"
	"time"

	"partnerdocs/partnership"
	"partnerdocs/workflow"
)

// overviewData is policy's overview: the register's figures as a bar chart
// (server-drawn SVG), the same figures in a table, and a sentence saying
// what the chart shows.
type overviewData struct {
	workflow.Overview
	Overdue    []partnership.PartnershipSummary // the first overdueShown of ReviewsOverdue, soonest due first
	OverdueAll string                           // the register searched for every one, when there are more
	Chart      barChart
	GapsChart  barChart // the partnerships lacking each compliance flag
}

// barChart is a horizontal bar chart drawn as SVG by the template: one bar
// per row, its length in proportion to the largest value.
type barChart struct {
	ID         string // the SVG's title and description ids start with it
	Title      string
	Key        string // what the labels are, heading the table's first column
	LabelWidth int    // room for the labels, left of the bars
	Summary    string // the text alternative: every figure in words
	Width      int
	Height     int
	Bars       []bar
}

// bar is one bar with its label and value, placed by newBarChart.
type bar struct {
	Label  string
	Value  int
	Y      int // top of the bar
	Length int // the bar's length in pixels
	TextY  int // baseline of the label and the value
	ValueX int // where the value is written, after the bar
}

// Chart geometry, in SVG user units (pixels at 100%).
const (
	chartWidth      = 470 // every chart, so that all are drawn at one scale in a half column
	chartValueSpace = 60  // right of the longest bar, for its value
	chartLabelWidth = 150
	gapLabelWidth   = 215 // "Communications agreement"
	chartRow        = 32
	chartBarHeight  = 22
)

func newOverviewData(o workflow.Overview, today time.Time) *overviewData {
	labels := make([]string, len(o.ByStatus))
	values := make([]int, len(o.ByStatus))
	for i, c := range o.ByStatus {
		labels[i], values[i] = phrase(c.Status), c.Count
		if c.Status == "" {
			labels[i] = "No status"
		}
	}
	gapLabels := make([]string, len(o.Gaps))
	gapValues := make([]int, len(o.Gaps))
	for i, g := range o.Gaps {
		gapLabels[i], gapValues[i] = gapLabel(g.Gap), g.Count
	}
	d := &overviewData{Overview: o, Chart: newBarChart("by-status", "Partnerships by status", "Status", labels, values, chartLabelWidth),
		GapsChart: newBarChart("gaps", "Partnerships lacking each requirement", "Lacking", gapLabels, gapValues, gapLabelWidth)}
	d.Overdue = o.ReviewsOverdue[:min(len(o.ReviewsOverdue), overdueShown)]
	if len(o.ReviewsOverdue) > overdueShown {
		d.OverdueAll = "/partnerships?review_due=" + today.Format(time.DateOnly)
	}
	return d
}

// overdueShown is how many overdue reviews the home page lists: a register
// with hundreds overdue would otherwise make a page nobody reads, and too
// long to load.
const overdueShown = 20

// gapLabel is a compliance gap as the workbook's Register sheet heads it.
func gapLabel(g partnership.ComplianceGap) string {
	switch g {
	case partnership.GapAgreement:
		return "Agreement"
	case partnership.GapCommunicationsAgreement:
		return "Communications agreement"
	case partnership.GapISPOrWaiver:
		return "ISP or waiver"
	case partnership.GapExitStrategy:
		return "Exit strategy"
	case partnership.GapRiskAssessment:
		return "Risk assessment"
	case partnership.GapSponsoringOfficer:
		return "Sponsoring officer"
	}
	return phrase(g.Text())
}

// newBarChart lays out one bar per label.
func newBarChart(id, title, key string, labels []string, values []int, labelWidth int) barChart {
	most := 1
	for _, v := range values {
		most = max(most, v)
	}
	space := chartWidth - labelWidth - chartValueSpace
	ch := barChart{ID: id, Title: title, Key: key, LabelWidth: labelWidth, Width: chartWidth, Height: chartRow*len(labels) + 8}
	words := make([]string, len(labels))
	for i, label := range labels {
		y := 4 + i*chartRow
		length := values[i] * space / most
		ch.Bars = append(ch.Bars, bar{Label: label, Value: values[i], Y: y, Length: length,
			TextY: y + chartBarHeight - 6, ValueX: labelWidth + length + 8})
		words[i] = label + ": " + strconv.Itoa(values[i])
	}
	ch.Summary = title + ". " + strings.Join(words, "; ") + "."
	return ch
}
