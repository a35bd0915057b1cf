#!/usr/bin/env bash
# Issue 9's target for a hostile return, measured against a running server
# on 127.0.0.1 only: a return whose one cell unzips to 480 MB (about half a
# megabyte uploaded) is refused (422, the problem naming the cell) with the
# server's resident memory at most 100 MiB above its idle level.
#
# Builds partnerdocs and scripts/returnbomb, migrates a new SQLite register
# in a scratch directory, creates an officer and a policy token, starts
# `partnerdocs serve` on a free loopback port, creates the sample
# partnerships through the API, downloads the 2026-27 workbook, turns it
# into the bomb (one Targets cell of BYTES bytes, streamed through deflate)
# and posts it. The idle level is the server's VmRSS once the workbook is
# downloaded; its peak (VmHWM, reset through /proc/PID/clear_refs just
# before the upload) is read after the answer. The server is always stopped.
#
# Usage: scripts/return-bomb.sh [-b BYTES]
#   -b  the bomb cell's length in bytes (default 503316480, 480 MiB)
# Exits 1 when a step fails, the bomb is not refused at its cell, or the
# peak is more than 100 MiB above the idle level.
set -euo pipefail

bytes=$((480 << 20))
max_above_mib=100
year=2026-27

usage() { sed -n '2,19s/^# \{0,1\}//p' "$0"; }

while getopts "b:h" opt; do
	case $opt in
	b) bytes=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

cd "$(dirname "$0")/.."
[[ $bytes =~ ^[1-9][0-9]{0,9}$ ]] && ((bytes <= 4 << 30)) || { echo "return-bomb.sh: -b must be 1..4294967296" >&2; exit 2; }

script=return-bomb.sh
# shellcheck source=scripts/serverlib.sh
source "$(dirname "$0")/serverlib.sh"

echo "== building"
CGO_ENABLED=0 go build -o "$work/partnerdocs" ./cmd/partnerdocs
CGO_ENABLED=0 go build -o "$work/returnbomb" ./scripts/returnbomb

database=$work/register.db
echo "== register: SQLite ($database)"
"$work/partnerdocs" migrate --database "$database"
officer=$("$work/partnerdocs" token create --database "$database" --name "bomb-officer-$$" --role officer | tail -n 1)
policy=$("$work/partnerdocs" token create --database "$database" --name "bomb-policy-$$" --role policy | tail -n 1)

start_server "$database"
base="http://$addr/api/v1"
# api METHOD PATH TOKEN CURL-ARGS...: a bounded request to the server.
api() {
	local method=$1 path=$2 tok=$3
	shift 3
	curl -sS --max-time 120 -X "$method" -H "Authorization: Bearer $tok" "$@" "$base$path"
}

echo "== creating the sample partnerships"
created=0
for sample in samples/*.json; do
	status=$(api POST /partnerships "$officer" -H 'Content-Type: application/json' --data-binary "@$sample" -o "$work/created.json" -w '%{http_code}')
	if [[ $status == 201 ]]; then
		created=$((created + 1))
	else
		echo "   $(basename "$sample"): $status (not created)"
	fi
done
((created > 0)) || { echo "return-bomb.sh: no partnership was created" >&2; exit 1; }
echo "created $created partnerships"

echo "== downloading the $year workbook"
status=$(api GET "/reports/cmt/$year.xlsx" "$policy" -o "$work/workbook.xlsx" -w '%{http_code}')
[[ $status == 200 ]] || { echo "return-bomb.sh: the workbook download answered $status" >&2; exit 1; }

echo "== building the bomb ($bytes bytes in one cell)"
cell=$("$work/returnbomb" -in "$work/workbook.xlsx" -out "$work/bomb.xlsx" -bytes "$bytes")
echo "the cell Targets!$cell; the upload is $(($(stat -c %s "$work/bomb.xlsx") / 1024)) KiB"

idle=$(rss_kib)
if ! echo 5 >"/proc/$server_pid/clear_refs"; then
	echo "return-bomb.sh: cannot reset the server's peak (/proc/$server_pid/clear_refs)" >&2
	exit 1
fi
echo "== posting the bomb (server idle at $idle KiB, its peak reset)"
status=$(api POST "/reports/cmt/$year/return" "$policy" \
	-H 'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' \
	--data-binary "@$work/bomb.xlsx" -o "$work/answer.json" -w '%{http_code}')
peak=$(hwm_kib)
echo "answer $status: $(head -c 600 "$work/answer.json")"
stop_server || { tail -n 20 "$work/server.log" >&2; echo "return-bomb.sh: the server did not stop cleanly" >&2; exit 1; }

above=$((peak - idle))
printf '== summary\nidle RSS %.1f MiB, peak %.1f MiB, %.1f MiB above idle (target <= %d MiB)\n' \
	"$(bc -l <<<"$idle/1024")" "$(bc -l <<<"$peak/1024")" "$(bc -l <<<"$above/1024")" "$max_above_mib"
failed=0
if [[ $status != 422 ]]; then
	echo "FAIL: the bomb answered $status, not 422"
	failed=1
elif ! grep -q "\"cell\":\"$cell\"" "$work/answer.json" || ! grep -q '"sheet":"Targets"' "$work/answer.json"; then
	echo "FAIL: the 422 does not name Targets!$cell"
	failed=1
else
	echo "refused at Targets!$cell"
fi
if ((above > max_above_mib * 1024)); then
	echo "FAIL: the peak is more than $max_above_mib MiB above idle"
	failed=1
fi
exit $failed
