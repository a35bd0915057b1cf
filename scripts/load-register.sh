#!/usr/bin/env bash
# Bounded load test of the register, on 127.0.0.1 only.
#
# Builds partnerdocs and scripts/loadmix, starts `partnerdocs serve` on a free
# loopback port over a new SQLite file (or, with -p, a PostgreSQL database),
# creates an officer token with `partnerdocs token create`, and runs loadmix:
# a mix of listing, showing, updating with If-Match (a 412 from a concurrent
# update is expected and counted as stale, not as an error) and generating
# draft agreements. Samples the server's resident memory (VmRSS) every 5 s so
# you can see it stays flat. The server is always stopped, whatever happens.
#
# On SQLite it then stops the server (which checkpoints the WAL into the
# file) and prints how much the register grew: its size (file + WAL) after
# the migrations and at the end, over the requests sent, in KiB per request
# and per generate request (issue 14's figure).
#
# Usage: scripts/load-register.sh [-z DURATION] [-c CONNECTIONS] [-p DSN] [-s SEED] [-n INSTANCES] [-k FILE]
#   -z  how long to send requests (default 60s; at most 10m)
#   -c  concurrent connections (default 8)
#   -p  a postgres:// URL to use instead of a temporary SQLite file; the run's
#       partnerships, documents and token stay in that database, so give it
#       a scratch database or schema (?search_path=...)
#   -s  partnerships to create before the mix (default 20)
#   -n  instances of the server on the one register (default 1; 2 or more
#       need -p): the connections are shared among them round robin, as a
#       load balancer would, and the report is for all of them together
#   -k  SQLite only: keep the register, copied to FILE, to inspect after
# Exits 1 when any request failed (a stale 412 is not a failure).
set -euo pipefail

duration=60s
connections=8
dsn=""
seed=20
rss_interval=5
instances=1
keep=""

usage() { sed -n '2,28s/^# \{0,1\}//p' "$0"; }

while getopts "z:c:p:s:n:k:h" opt; do
	case $opt in
	z) duration=$OPTARG ;;
	c) connections=$OPTARG ;;
	p) dsn=$OPTARG ;;
	s) seed=$OPTARG ;;
	n) instances=$OPTARG ;;
	k) keep=$OPTARG ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

cd "$(dirname "$0")/.."
[[ $connections =~ ^[1-9][0-9]{0,2}$ ]] && ((connections <= 256)) || { echo "load-register.sh: -c must be 1..256" >&2; exit 2; }
[[ $seed =~ ^[1-9][0-9]{0,2}$ ]] || { echo "load-register.sh: -s must be 1..999" >&2; exit 2; }
[[ $duration =~ ^([1-9][0-9]{0,2})(s|m)$ ]] || { echo "load-register.sh: -z must be like 60s or 2m" >&2; exit 2; }
seconds=${BASH_REMATCH[1]}
[[ ${BASH_REMATCH[2]} == m ]] && seconds=$((seconds * 60))
((seconds <= 600)) || { echo "load-register.sh: -z is at most 10m" >&2; exit 2; }
[[ $instances =~ ^[1-4]$ ]] || { echo "load-register.sh: -n must be 1..4" >&2; exit 2; }
if ((instances > 1)) && [[ -z $dsn ]]; then
	echo "load-register.sh: -n $instances needs a PostgreSQL register (-p): SQLite is for one instance" >&2
	exit 2
fi
if [[ -n $keep && -n $dsn ]]; then
	echo "load-register.sh: -k keeps a SQLite register; a PostgreSQL one (-p) stays in its database" >&2
	exit 2
fi
if [[ -n $dsn && ! $dsn =~ ^postgres(ql)?:// ]]; then
	echo "load-register.sh: -p must be a postgres:// URL" >&2
	exit 2
fi

script=load-register.sh
# shellcheck source=scripts/serverlib.sh
source "$(dirname "$0")/serverlib.sh"

echo "== building"
CGO_ENABLED=0 go build -o "$work/partnerdocs" ./cmd/partnerdocs
CGO_ENABLED=0 go build -o "$work/loadmix" ./scripts/loadmix

database=${dsn:-$work/register.db}
if [[ -n $dsn ]]; then echo "== register: PostgreSQL"; else echo "== register: SQLite ($database)"; fi
# The token is made before the server starts (this also applies migrations).
token=$(PARTNERDOCS_DATABASE=$database "$work/partnerdocs" token create --name "load-$(date +%s)-$$" --role officer)

# register_bytes: the SQLite register's size, its file and its WAL.
register_bytes() { echo $(($(stat -c %s "$database") + $(stat -c %s "$database-wal" 2>/dev/null || echo 0))); }
[[ -z $dsn ]] && size_before=$(register_bytes)

start_server "$database"
addrs="http://$addr"
for ((i = 2; i <= instances; i++)); do start_extra_server "$database" "$i"; done

sample_rss

status=0
timeout $((seconds + 120)) "$work/loadmix" -url "$addrs" -token "$token" \
	-c "$connections" -d "$duration" -seed "$seed" | tee "$work/loadmix.txt" || status=$?
stop_sampling

echo "== server memory (VmRSS, KiB), every ${rss_interval}s from the start of seeding"
tr '\n' ' ' <"$work/rss.txt"
echo
echo "at the end $(rss_kib) KiB, peak (VmHWM) $(hwm_kib) KiB"
if [[ -z $dsn ]]; then
	stop_server || echo "load-register.sh: the server did not stop cleanly" >&2
	size_after=$(register_bytes)
	# loadmix's lines: operation, requests, ...; the seeding's creates are
	# not counted as requests, their bytes are in the growth.
	requests=$(awk '$1 == "all" {print $2}' "$work/loadmix.txt")
	generates=$(awk '$1 == "generate" {print $2}' "$work/loadmix.txt")
	awk -v b="$size_before" -v a="$size_after" -v r="${requests:-0}" -v g="${generates:-0}" -v s="$seconds" 'BEGIN {
		grew = (a - b) / 1024
		printf "register (file + WAL, server stopped): %.0f KiB after migrating, %.0f KiB at the end\n", b / 1024, a / 1024
		if (r > 0 && g > 0) printf "growth: %.0f KiB over %d requests (%d generate): %.1f KiB/s, %.1f KiB per request, %.0f KiB per generate\n", grew, r, g, grew / s, grew / r, grew / g
	}'
	[[ -n $keep ]] && cp "$database" "$keep" && echo "register kept at $keep"
fi
if ((status != 0)); then
	tail -n 20 "$work/server.log" >&2
	echo "load-register.sh: loadmix exited $status" >&2
fi
exit "$status"
