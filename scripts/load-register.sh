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
# Usage: scripts/load-register.sh [-z DURATION] [-c CONNECTIONS] [-p DSN] [-s SEED] [-n INSTANCES]
#   -z  how long to send requests (default 60s; at most 10m)
#   -c  concurrent connections (default 8)
#   -p  a postgres:// URL to use instead of a temporary SQLite file; the run's
#       partnerships, documents and token stay in that database, so give it
#       a scratch database or schema (?search_path=...)
#   -s  partnerships to create before the mix (default 20)
#   -n  instances of the server on the one register (default 1; 2 or more
#       need -p): the connections are shared among them round robin, as a
#       load balancer would, and the report is for all of them together
# Exits 1 when any request failed (a stale 412 is not a failure).
set -euo pipefail

duration=60s
connections=8
dsn=""
seed=20
rss_interval=5
instances=1

usage() { sed -n '2,22s/^# \{0,1\}//p' "$0"; }

while getopts "z:c:p:s:n:h" opt; do
	case $opt in
	z) duration=$OPTARG ;;
	c) connections=$OPTARG ;;
	p) dsn=$OPTARG ;;
	s) seed=$OPTARG ;;
	n) instances=$OPTARG ;;
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

start_server "$database"
addrs="http://$addr"
for ((i = 2; i <= instances; i++)); do start_extra_server "$database" "$i"; done

sample_rss

status=0
timeout $((seconds + 120)) "$work/loadmix" -url "$addrs" -token "$token" \
	-c "$connections" -d "$duration" -seed "$seed" || status=$?
stop_sampling

echo "== server memory (VmRSS, KiB), every ${rss_interval}s from the start of seeding"
tr '\n' ' ' <"$work/rss.txt"
echo
echo "at the end $(rss_kib) KiB, peak (VmHWM) $(hwm_kib) KiB"
if [[ -z $dsn ]]; then
	echo "register file: $(du -k "$database" | cut -f1) KiB (+ WAL $(du -k "$database-wal" 2>/dev/null | cut -f1 || echo 0) KiB)"
fi
if ((status != 0)); then
	tail -n 20 "$work/server.log" >&2
	echo "load-register.sh: loadmix exited $status" >&2
fi
exit "$status"
