#!/usr/bin/env bash
# Issue 5's target for the annual CMT workbook, measured end to end, on
# 127.0.0.1 only: a register of 10,000 partnerships (each with 5 targets,
# 8 risks and 3 representatives), its workbook in <= 2 s with peak RSS
# <= 150 MiB, and the return of it imported in <= 5 s.
#
# Builds partnerdocs and scripts/cmt10k, migrates a new SQLite register,
# creates an officer token, starts `partnerdocs serve` on a free loopback
# port, seeds it through the API, and stops the server. Then it times
# `partnerdocs workbook` RUNS times, fills every target's actual, RAG and
# commentary in once, and times `partnerdocs import-return` RUNS times, each
# into a fresh copy of the seeded register. Wall time and peak resident
# memory (maxrss) come from cmt10k time, so GNU time is not needed. The
# server is always stopped, whatever happens.
#
# Usage: scripts/cmt-10k.sh [-n PARTNERSHIPS] [-r RUNS]
#   -n  partnerships in the register (default 10000)
#   -r  runs of the workbook and of the import (default 3)
# Exits 1 when a step fails; a missed target is reported, not an error.
set -euo pipefail

n=10000
runs=3
year=2026/27
workbook_max_s=2
workbook_max_mib=150
import_max_s=5

usage() { sed -n '2,19s/^# \{0,1\}//p' "$0"; }

while getopts "n:r:h" opt; do
	case $opt in
	n) n=$OPTARG ;;
	r) runs=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

cd "$(dirname "$0")/.."
[[ $n =~ ^[1-9][0-9]{0,5}$ ]] && ((n <= 100000)) || { echo "cmt-10k.sh: -n must be 1..100000" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]?$ ]] || { echo "cmt-10k.sh: -r must be 1..99" >&2; exit 2; }

script=cmt-10k.sh
# shellcheck source=scripts/serverlib.sh
source "$(dirname "$0")/serverlib.sh"

echo "== building"
CGO_ENABLED=0 go build -o "$work/partnerdocs" ./cmd/partnerdocs
CGO_ENABLED=0 go build -o "$work/cmt10k" ./scripts/cmt10k

database=$work/register.db
echo "== register: SQLite ($database)"
"$work/partnerdocs" migrate --database "$database"
token=$("$work/partnerdocs" token create --database "$database" --name "cmt-10k-$(date +%s)-$$" --role officer)

start_server "$database"
echo "== seeding $n partnerships (5 targets, 8 risks, 3 representatives each)"
timeout 900 "$work/cmt10k" seed -url "http://$addr" -token "$token" -n "$n" -c 8 || {
	tail -n 20 "$work/server.log" >&2
	echo "cmt-10k.sh: seeding failed" >&2
	exit 1
}
echo "== stopping the server"
stop_server || { tail -n 20 "$work/server.log" >&2; echo "cmt-10k.sh: the server did not stop cleanly" >&2; exit 1; }

# timed NAME RUN ARGS...: runs partnerdocs ARGS under cmt10k time, prints
# the run's line and appends "wall maxrss" to $work/NAME.times.
timed() {
	local name=$1 run=$2 status=0 line
	shift 2
	timeout 600 "$work/cmt10k" time -- "$work/partnerdocs" "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
	line=$(tail -n 1 "$work/$name.err")
	if ((status != 0)) || [[ ! $line =~ ^wall=([0-9.]+)s\ maxrss=([0-9.]+)MiB\ exit=0$ ]]; then
		head -c 2000 "$work/$name.err" >&2
		echo "cmt-10k.sh: $name run $run failed (exit $status)" >&2
		exit 1
	fi
	echo "${BASH_REMATCH[1]} ${BASH_REMATCH[2]}" >>"$work/$name.times"
	echo "$name run $run: $line"
}

echo "== partnerdocs workbook --year $year, $runs runs"
for run in $(seq "$runs"); do
	timed workbook "$run" workbook --year "$year" --out "$work/cmt.xlsx" --database "$database"
done

echo "== filling in every target's actual, RAG and commentary"
filled=$("$work/cmt10k" fill -in "$work/cmt.xlsx" -out "$work/return.xlsx")
echo "$filled target rows filled"
((filled == 5 * n)) || { echo "cmt-10k.sh: $filled target rows filled, want $((5 * n))" >&2; exit 1; }

echo "== partnerdocs import-return --year $year, $runs runs, each into a fresh copy of the register"
for run in $(seq "$runs"); do
	cp "$database" "$work/copy.db"
	rm -f "$work/copy.db-wal" "$work/copy.db-shm"
	if [[ -s $database-wal ]]; then cp "$database-wal" "$work/copy.db-wal"; fi
	timed import "$run" import-return --year "$year" "$work/return.xlsx" --database "$work/copy.db"
	stored=$(wc -l <"$work/import.out")
	((stored == n)) || { echo "cmt-10k.sh: import run $run stored $stored revisions, want $n" >&2; exit 1; }
done

# summary NAME: "best .. worst" of wall and maxrss over the runs.
summary() {
	awk '
		NR == 1 { wmin = wmax = $1; rmin = rmax = $2 }
		{ if ($1 < wmin) wmin = $1; if ($1 > wmax) wmax = $1; if ($2 < rmin) rmin = $2; if ($2 > rmax) rmax = $2 }
		END { printf "wall best %.2fs worst %.2fs, maxrss best %.1fMiB worst %.1fMiB", wmin, wmax, rmin, rmax }
	' "$work/$1.times"
}

# met NAME COLUMN LIMIT: how many runs were at or under LIMIT in COLUMN.
met() { awk -v c="$2" -v max="$3" '$c <= max {k++} END {printf "%d of %d runs", k, NR}' "$work/$1.times"; }

kib() { du -k "$1" | cut -f1; }

echo "== summary ($n partnerships, $runs runs)"
echo "workbook: $(summary workbook)"
echo "import:   $(summary import)"
echo "files: register $(kib "$database") KiB, workbook $(kib "$work/cmt.xlsx") KiB, return $(kib "$work/return.xlsx") KiB"
echo "== against issue 5's targets"
printf '%-24s %s\n' "workbook <= $workbook_max_s s:" "$(met workbook 1 "$workbook_max_s")" \
	"workbook <= $workbook_max_mib MiB:" "$(met workbook 2 "$workbook_max_mib")" \
	"import <= $import_max_s s:" "$(met import 1 "$import_max_s")"
((n == 10000)) || echo "(the targets are for 10,000 partnerships; this register has $n)"
