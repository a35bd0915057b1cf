package web

import (
	"strconv"
	"strings"

	"partnerdocs/workflow"
)

// overviewData is policy's overview: the register's figures as a bar chart
// (server-drawn SVG), the same figures in a table, and a sentence saying
// what the chart shows.
type overviewData struct {
	workflow.Overview
	Chart barChart
}

// barChart is a horizontal bar chart drawn as SVG by the template: one bar
// per row, its length in proportion to the largest value.
type barChart struct {
	ID      string // the SVG's title and description ids start with it
	Title   string
	Summary string // the text alternative: every figure in words
	Width   int
	Height  int
	Bars    []bar
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
	chartLabelWidth = 150
	chartBarSpace   = 260
	chartRow        = 32
	chartBarHeight  = 22
)

func newOverviewData(o workflow.Overview) *overviewData {
	labels := make([]string, len(o.ByStatus))
	values := make([]int, len(o.ByStatus))
	for i, c := range o.ByStatus {
		labels[i], values[i] = phrase(c.Status), c.Count
		if c.Status == "" {
			labels[i] = "No status"
		}
	}
	return &overviewData{Overview: o, Chart: newBarChart("by-status", "Partnerships by status", labels, values)}
}

// newBarChart lays out one bar per label.
func newBarChart(id, title string, labels []string, values []int) barChart {
	most := 1
	for _, v := range values {
		most = max(most, v)
	}
	ch := barChart{ID: id, Title: title, Width: chartLabelWidth + chartBarSpace + 60, Height: chartRow*len(labels) + 8}
	words := make([]string, len(labels))
	for i, label := range labels {
		y := 4 + i*chartRow
		length := values[i] * chartBarSpace / most
		ch.Bars = append(ch.Bars, bar{Label: label, Value: values[i], Y: y, Length: length,
			TextY: y + chartBarHeight - 6, ValueX: chartLabelWidth + length + 8})
		words[i] = label + ": " + strconv.Itoa(values[i])
	}
	ch.Summary = title + ". " + strings.Join(words, "; ") + "."
	return ch
}
