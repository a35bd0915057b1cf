# Shared by load.sh, load-register.sh and cmt-10k.sh (sourced, not run): a
# scratch directory, a partnerdocs server on a free 127.0.0.1 port that is
# always stopped, and its resident memory. The sourcing script sets `script`
# (its name, for messages) first, and `rss_interval` to use sample_rss.

work=$(mktemp -d)
server_pid=""
sampler_pid=""
extra_pids=()

# stop_server: asks the server to shut down (SIGTERM), waits up to 10 s,
# then kills it. Returns 0 only when it stopped by itself with status 0, so
# its register was closed cleanly. Safe to call when no server runs.
stop_server() {
	[[ -n $server_pid ]] || return 0
	local pid=$server_pid status=0 killed=false
	server_pid=""
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
		if kill -0 "$pid" 2>/dev/null; then
			kill -KILL "$pid" 2>/dev/null || true
			killed=true
		fi
	fi
	wait "$pid" 2>/dev/null || status=$?
	! $killed && ((status == 0))
}

cleanup() {
	[[ -n $sampler_pid ]] && kill "$sampler_pid" 2>/dev/null || true
	local pid
	for pid in "${extra_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	for pid in "${extra_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	stop_server || true
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0; }
hwm_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0; }

# start_server DATABASE: starts "$work/partnerdocs serve" on the register
# DATABASE and sets server_pid and addr once it listens.
start_server() {
	echo "== starting the server on 127.0.0.1"
	PARTNERDOCS_DATABASE=$1 "$work/partnerdocs" serve --addr 127.0.0.1:0 2>"$work/server.log" &
	server_pid=$!
	addr=""
	for _ in $(seq 100); do
		addr=$(sed -n 's/.*"msg":"listening","addr":"\(127\.0\.0\.1:[0-9]*\)".*/\1/p' "$work/server.log" | head -n1)
		[[ -n $addr ]] && break
		kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "$script: the server exited" >&2; exit 1; }
		sleep 0.1
	done
	[[ -n $addr ]] || { cat "$work/server.log" >&2; echo "$script: the server did not start in 10 s" >&2; exit 1; }
	echo "server pid $server_pid at $addr; RSS at start $(rss_kib) KiB"
}

# sample_rss: records the server's VmRSS every rss_interval seconds into
# $work/rss.txt until stop_sampling.
sample_rss() {
	: >"$work/rss.txt"
	(
		start=$SECONDS
		while kill -0 "$server_pid" 2>/dev/null; do
			echo "$((SECONDS - start))s $(rss_kib)" >>"$work/rss.txt"
			sleep "$rss_interval"
		done
	) &
	sampler_pid=$!
}

stop_sampling() {
	kill "$sampler_pid" 2>/dev/null || true
	sampler_pid=""
}

# start_extra_server DATABASE N: starts the N-th further instance of the
# server on the same register (PostgreSQL), on its own free port, and
# appends its address to addrs (comma-separated, the first server's first).
start_extra_server() {
	local log="$work/server$2.log" pid a=""
	PARTNERDOCS_DATABASE=$1 "$work/partnerdocs" serve --addr 127.0.0.1:0 2>"$log" &
	pid=$!
	extra_pids+=("$pid")
	for _ in $(seq 100); do
		a=$(sed -n 's/.*"msg":"listening","addr":"\(127\.0\.0\.1:[0-9]*\)".*/\1/p' "$log" | head -n1)
		[[ -n $a ]] && break
		kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "$script: instance $2 exited" >&2; exit 1; }
		sleep 0.1
	done
	[[ -n $a ]] || { cat "$log" >&2; echo "$script: instance $2 did not start in 10 s" >&2; exit 1; }
	addrs="$addrs,http://$a"
	echo "instance $2: pid $pid at $a"
}
