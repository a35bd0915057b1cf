#!/usr/bin/env bash
# Bounded load test of `partnerdocs serve`, on 127.0.0.1 only.
#
# Builds the binary, starts the server on a free loopback port, POSTs a sample
# partnership to /api/v1/render/agreement with hey (Debian package `hey`)
# for a fixed time or number of requests, prints hey's summary, and samples the
# server's resident memory (VmRSS) before, during and after so you can see it
# stays flat. The server is always stopped, whatever happens.
#
# Usage: scripts/load.sh [-z DURATION | -n REQUESTS] [-c CONNECTIONS] [-s SAMPLE] [-b BINARY] [-t]
#   -z  how long to send requests (default 60s; at most 10m)
#   -n  send this many requests instead (for example -n 10000)
#   -c  concurrent connections (default 8)
#   -s  partnership JSON to post (default samples/health-alliance.json, the longest)
#   -b  run this partnerdocs binary instead of building one (to compare builds)
#   -t  exit 1 unless the issue's targets are met: >= 70 agreements/s, p99 <= 200 ms
set -euo pipefail

duration=60s
requests=""
connections=8
sample=samples/health-alliance.json
enforce=false
binary=""
min_rate=70
max_p99_ms=200
rss_interval=5

usage() { sed -n '2,17s/^# \{0,1\}//p' "$0"; }

while getopts "z:n:c:s:b:th" opt; do
	case $opt in
	z) duration=$OPTARG ;;
	n) requests=$OPTARG ;;
	c) connections=$OPTARG ;;
	s) sample=$OPTARG ;;
	b) binary=$(realpath "$OPTARG") ;;
	t) enforce=true ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

cd "$(dirname "$0")/.."
command -v hey >/dev/null || { echo "load.sh: hey is not installed (apt-get install hey)" >&2; exit 1; }
[[ -r $sample ]] || { echo "load.sh: cannot read $sample" >&2; exit 1; }
[[ $connections =~ ^[1-9][0-9]{0,3}$ ]] || { echo "load.sh: -c must be 1..9999" >&2; exit 2; }
if [[ -n $requests ]]; then
	[[ $requests =~ ^[1-9][0-9]{0,6}$ ]] || { echo "load.sh: -n must be 1..9999999" >&2; exit 2; }
else
	[[ $duration =~ ^([1-9][0-9]{0,2})(s|m)$ ]] || { echo "load.sh: -z must be like 60s or 2m" >&2; exit 2; }
	seconds=${BASH_REMATCH[1]}
	[[ ${BASH_REMATCH[2]} == m ]] && seconds=$((seconds * 60))
	((seconds <= 600)) || { echo "load.sh: -z is at most 10m" >&2; exit 2; }
fi

script=load.sh
# shellcheck source=scripts/serverlib.sh
source "$(dirname "$0")/serverlib.sh"

if [[ -n $binary ]]; then
	[[ -x $binary ]] || { echo "load.sh: $binary is not executable" >&2; exit 1; }
	cp "$binary" "$work/partnerdocs"
else
	echo "== building"
	CGO_ENABLED=0 go build -o "$work/partnerdocs" ./cmd/partnerdocs
fi

database=$work/register.db
# Every API call needs a token (this also creates and migrates the register).
token=$(PARTNERDOCS_DATABASE=$database "$work/partnerdocs" token create --name "load-$(date +%s)-$$" --role officer)
start_server "$database"

url="http://$addr/api/v1/render/agreement"
hey_common=(-H "Authorization: Bearer $token" -c "$connections" -t 20 -m POST -T application/json -D "$sample")

echo "== warming up (one request per connection)"
timeout 60 hey -n "$connections" "${hey_common[@]}" "$url" >"$work/warmup.txt"
grep -q "\[200\]" "$work/warmup.txt" || { cat "$work/warmup.txt" >&2; tail -n 20 "$work/server.log" >&2; echo "load.sh: the warm-up did not get 200" >&2; exit 1; }
rss_before=$(rss_kib)
echo "RSS after warm-up: $rss_before KiB"

sample_rss

if [[ -n $requests ]]; then
	echo "== $requests requests at $connections connections"
	timeout 900 hey -n "$requests" "${hey_common[@]}" "$url" >"$work/hey.txt"
else
	echo "== $duration at $connections connections"
	timeout $((seconds + 60)) hey -z "$duration" "${hey_common[@]}" "$url" >"$work/hey.txt"
fi
stop_sampling
rss_after=$(rss_kib)

cat "$work/hey.txt"

echo "== server memory (VmRSS, KiB), every ${rss_interval}s"
tr '\n' ' ' <"$work/rss.txt"
echo
echo "after warm-up $rss_before KiB, at the end $rss_after KiB, peak (VmHWM) $(hwm_kib) KiB," \
	"change $(((rss_after - rss_before) / 1024)) MiB"

rate=$(awk '/Requests\/sec:/ {print $2}' "$work/hey.txt")
p99=$(awk '/ 99% in / {print $3}' "$work/hey.txt")
p99_ms=$(awk -v s="${p99:-0}" 'BEGIN {printf "%d", s * 1000}')
others=$(awk '/Status code distribution:/ {on=1; next} on && /\[[0-9]+\]/ && $1 != "[200]" {print}' "$work/hey.txt")
errors=$(awk '/Error distribution:/ {on=1; next} on && NF {print}' "$work/hey.txt")
echo "== result: ${rate:-?} agreements/s, p99 ${p99_ms} ms (targets: >= $min_rate/s, p99 <= $max_p99_ms ms)"

if [[ -n $others || -n $errors ]]; then
	echo "load.sh: some requests failed:" >&2
	printf '%s\n%s\n' "$others" "$errors" >&2
	exit 1
fi
if $enforce; then
	awk -v r="${rate:-0}" -v m="$min_rate" 'BEGIN {exit !(r >= m)}' || { echo "load.sh: rate below $min_rate/s" >&2; exit 1; }
	((p99_ms <= max_p99_ms)) || { echo "load.sh: p99 above $max_p99_ms ms" >&2; exit 1; }
fi
