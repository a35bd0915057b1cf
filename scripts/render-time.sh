#!/usr/bin/env bash
# Whole-process time of `partnerdocs render`, against Chromium printing the
# same document's HTML to PDF, measured in the same run.
#
# Builds the binary as the Dockerfile does (CGO_ENABLED=0, -trimpath, -s -w),
# then times, as wall-clock time of the whole process, RUNS runs each of
# `partnerdocs version` (process start alone) and `partnerdocs render` of
# the sample to PDF, and CHROME_RUNS runs of `chromium --headless
# --print-to-pdf` of the same document rendered as HTML. Prints the median
# the mean and the fastest run of each and how many times faster the render is. The runs
# alternate, so a noisy machine slows each alike.
#
# Usage: scripts/render-time.sh [-n RUNS] [-c CHROME_RUNS] [-k KIND] [-s SAMPLE] [-b BINARY] [-t]
#   -n  runs of partnerdocs (default 50)
#   -c  runs of Chromium (default 5; 0 leaves Chromium out)
#   -k  document kind (default agreement)
#   -s  partnership JSON (default samples/health-alliance.json, the longest)
#   -b  time this partnerdocs binary instead of building one (to compare builds)
#   -t  exit 1 unless issue 13's targets are met: median render <= 30 ms and
#       Chromium's median >= 30 times the render's
set -euo pipefail

runs=50
chrome_runs=5
kind=agreement
sample=samples/health-alliance.json
binary=""
enforce=false
max_ms=30
min_times=30

usage() { sed -n '2,20s/^# \{0,1\}//p' "$0"; }

while getopts "n:c:k:s:b:th" opt; do
	case $opt in
	n) runs=$OPTARG ;;
	c) chrome_runs=$OPTARG ;;
	k) kind=$OPTARG ;;
	s) sample=$OPTARG ;;
	b) binary=$(realpath "$OPTARG") ;;
	t) enforce=true ;;
	h) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
done

cd "$(dirname "$0")/.."
[[ $runs =~ ^[1-9][0-9]{0,3}$ ]] || { echo "render-time.sh: -n must be 1..9999" >&2; exit 2; }
[[ $chrome_runs =~ ^[0-9]{1,3}$ ]] || { echo "render-time.sh: -c must be 0..999" >&2; exit 2; }
[[ -r $sample ]] || { echo "render-time.sh: cannot read $sample" >&2; exit 1; }
chrome=""
if ((chrome_runs > 0)); then
	chrome=$(command -v chromium || true)
	[[ -n $chrome ]] || { echo "render-time.sh: chromium is not installed (apt-get install chromium), or give -c 0" >&2; exit 1; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ -z $binary ]]; then
	binary=$work/partnerdocs
	CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$binary" ./cmd/partnerdocs
fi
# A fixed generation time, so every run writes the same bytes.
export PARTNERDOCS_AT=2026-12-01
"$binary" render --kind "$kind" --in "$sample" --out "$work/doc.pdf" 2>/dev/null
"$binary" render --kind "$kind" --format html --in "$sample" --out "$work/doc.html" 2>/dev/null

# took_us CMD...: runs CMD with its output discarded and prints the wall-clock
# microseconds it took; fails if CMD does.
took_us() {
	local start=$EPOCHREALTIME end
	"$@" >/dev/null 2>&1
	end=$EPOCHREALTIME
	echo $(((${end/./} - ${start/./})))
}

version=() render=() printed=()
for ((i = 0; i < runs; i++)); do
	version+=("$(took_us "$binary" version)")
	render+=("$(took_us "$binary" render --kind "$kind" --in "$sample" --out "$work/doc.pdf")")
	if ((i < chrome_runs)); then
		printed+=("$(took_us "$chrome" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
			--print-to-pdf="$work/chromium.pdf" "file://$work/doc.html")")
	fi
done

# stats NAME US...: prints the median, the mean and the fastest run in
# milliseconds, and sets median_us.
stats() {
	local name=$1
	shift
	local sorted n sum=0 v
	mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
	n=${#sorted[@]}
	for v in "${sorted[@]}"; do sum=$((sum + v)); done
	median_us=${sorted[$((n / 2))]}
	printf '%-44s median %7.1f ms   mean %7.1f ms   fastest %7.1f ms   (%d runs)\n' "$name" \
		"$(bc -l <<<"$median_us / 1000")" "$(bc -l <<<"$sum / $n / 1000")" "$(bc -l <<<"${sorted[0]} / 1000")" "$n"
}

echo "$(basename "$binary"): $kind of $sample, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
stats "partnerdocs version" "${version[@]}"
stats "partnerdocs render --kind $kind (PDF)" "${render[@]}"
render_us=$median_us
ok=true
((render_us <= max_ms * 1000)) || ok=false
if ((chrome_runs > 0)); then
	stats "chromium --headless --print-to-pdf (HTML)" "${printed[@]}"
	printf 'partnerdocs is %.1f times faster than Chromium (medians)\n' "$(bc -l <<<"$median_us / $render_us")"
	((median_us >= min_times * render_us)) || ok=false
fi
if $enforce && ! $ok; then
	echo "render-time.sh: targets not met: median render <= $max_ms ms and Chromium >= $min_times times slower" >&2
	exit 1
fi
