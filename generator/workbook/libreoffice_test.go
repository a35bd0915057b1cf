package workbook

import (
	"os"
	"os/exec"
	"testing"
)

// requireSoffice returns LibreOffice's soffice, which the tests that read
// workbooks back run. Where it is not installed the test
// skips, except under CI=true, where .ci/run installs pkg and the test
// fails.
func requireSoffice(t testing.TB, pkg string) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("soffice (%s) is needed under CI", pkg)
		}
		t.Skip("soffice not installed")
	}
	return soffice
}
