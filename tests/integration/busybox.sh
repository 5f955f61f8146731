#!/bin/bash
# Integration test: Debian trixie's static riscv64 busybox run under $RUNNER. Covers the
# shell (pipeline, loop, arithmetic, functions, exit status), ls -l, sort, md5sum, tar,
# awk, sed, grep, wc, find, and ifconfig and ip link on the loopback interface. Expected
# values come from the host's own tools where their output is identical (for the
# interface, the fields the host's ip shows), or are literal.
#
# usage: tests/integration/busybox.sh BUILD_DIR
# environment: RUNNER (default BUILD_DIR/ferry-riscv64), ENGINES (FERRY_ENGINE values,
#   default "jit"), FERRY_CACHE (download cache, default $HOME/.cache/ferry, or
#   BUILD_DIR/cache when HOME is unset or not writable), BB_TIMEOUT (seconds per run).
# The busybox binary is cached as FERRY_CACHE/busybox-static-riscv64/busybox so that a
# `make clean` does not force a new download. When it cannot be downloaded the script
# prints a SKIP line with the reason and exits 77 (skipped), never a fake pass.
#
# Guest busybox runs with PATH pointing at an empty directory: without binfmt_misc a
# riscv64 busybox cannot re-exec itself for applets that are not built into the shell,
# and a host PATH would silently substitute the host's x86-64 tools. The `sh -c` cases
# therefore use shell builtins and in-process applets only; other applets are run
# directly, one runner invocation each.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 BUILD_DIR" >&2
	exit 2
fi
BUILD_DIR=$1
HERE=$(cd "$(dirname "$0")" && pwd)
RUNNER=${RUNNER:-$BUILD_DIR/ferry-riscv64}
ENGINES=${ENGINES:-jit}
BB_TIMEOUT=${BB_TIMEOUT:-120}
if [ -z "${FERRY_CACHE:-}" ]; then
	if [ -n "${HOME:-}" ] && mkdir -p "$HOME/.cache/ferry" 2>/dev/null && [ -w "$HOME/.cache/ferry" ]; then
		FERRY_CACHE=$HOME/.cache/ferry
	else
		FERRY_CACHE=$BUILD_DIR/cache
	fi
fi
BB=$FERRY_CACHE/busybox-static-riscv64/busybox

skip() {
	echo "SKIP busybox: $*"
	echo "0 passed, 0 failed, 1 skipped"
	exit 77
}

# Resolve the runner to an absolute path: guests run with a PATH that finds nothing.
if ! RUNNER_ABS=$(command -v "$RUNNER"); then
	echo "FAIL busybox: runner not found: $RUNNER"
	echo "0 passed, 1 failed"
	exit 1
fi
case $RUNNER_ABS in /*) ;; *) RUNNER_ABS=$PWD/$RUNNER_ABS ;; esac

if ! [ -x "$BB" ]; then
	dl=$(mktemp -d "${TMPDIR:-/tmp}/ferry-bb-dl.XXXXXX")
	if ! deb=$(bash "$HERE/fetch-trixie-deb.sh" busybox-static "$dl" 2>"$dl/err"); then
		reason=$(tail -n 1 "$dl/err")
		rm -rf "$dl"
		skip "cannot download busybox-static:riscv64 from trixie (${reason:-unknown error})"
	fi
	if ! dpkg-deb -x "$deb" "$dl/root" || ! [ -f "$dl/root/usr/bin/busybox" ]; then
		rm -rf "$dl"
		skip "the downloaded busybox-static package has no usr/bin/busybox"
	fi
	mkdir -p "${BB%/*}"
	cp "$dl/root/usr/bin/busybox" "$BB.tmp" && chmod 755 "$BB.tmp" && mv -f "$BB.tmp" "$BB"
	basename "$deb" >"${BB%/*}/package"
	rm -rf "$dl"
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/ferry-bb.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/empty-path"
ulimit -c 0
export LC_ALL=C

engine=interp
bb() { # run one busybox applet under the runner
	timeout "$BB_TIMEOUT" env PATH="$T/empty-path" FERRY_ENGINE="$engine" \
		"$RUNNER_ABS" "$BB" "$@"
}

passed=0
failed=0
skipped=0
# check NAME [--empty-ok]: compares $T/want with $T/got (both written by the caller);
# an empty expectation is a broken fixture unless --empty-ok says it is intended
check() {
	if ! [ -s "$T/want" ] && [ "${2:-}" != --empty-ok ]; then
		echo "FAIL busybox $1 $engine: empty expected output (fixture problem)"
		failed=$((failed + 1))
	elif cmp -s "$T/want" "$T/got"; then
		echo "PASS busybox $1 $engine"
		passed=$((passed + 1))
	else
		echo "FAIL busybox $1 $engine"
		diff -u --label expected --label actual "$T/want" "$T/got" | head -n 12 | sed 's/^/    /'
		failed=$((failed + 1))
	fi
}

# ---- fixtures, created once with host tools
D=$T/data
mkdir -p "$D/tree/sub/deeper" "$D/tree/empty"
printf 'hello\n' >"$D/tree/a.txt"
head -c 1000 /dev/zero >"$D/tree/zeros.bin"
seq 1 500 >"$D/tree/sub/numbers.txt"
printf '#!/bin/sh\necho run\n' >"$D/tree/sub/script.sh"
printf 'deep\n' >"$D/tree/sub/deeper/leaf.txt"
: >"$D/tree/sub/deeper/empty.txt"
chmod 644 "$D/tree/a.txt" "$D/tree/sub/numbers.txt" "$D/tree/sub/deeper/leaf.txt"
chmod 600 "$D/tree/zeros.bin"
chmod 755 "$D/tree/sub/script.sh" "$D/tree/sub" "$D/tree/sub/deeper"
chmod 750 "$D/tree/empty"
chmod 640 "$D/tree/sub/deeper/empty.txt"
ln -s a.txt "$D/tree/link"
cat >"$D/words" <<'EOF'
pear 3
apple 10
fig 2
banana 7
apple 10
cherry 25
date 1
Zebra 4
elderberry 100
fig 2
EOF
cat >"$D/nums" <<'EOF'
10
9
-3
100
2.5
007
9
0
EOF
seq 1 20000 | awk '{ printf "%d:%x:line %d of the md5 data\n", $1, $1 * 7, $1 }' >"$D/md5data"
cat >"$D/text" <<'EOF'
# comment line
alpha beta gamma
The quick brown fox
jumps over the lazy dog
# another comment
Alpha and omega
last line without digits
line 42 has digits 7
EOF

# option lists below are split into words but must not be globbed
set -f
for engine in $ENGINES; do
	# ---- shell: loop, arithmetic, pipeline into an in-process applet, functions, case, exit status
	cat >"$T/want" <<'EOF'
sum of squares 1..100 = 338350
a
b
c
len=3 trimmed=ab
subshell status=7
function status=3
case ok
00042|ab  |ff
fact(20)=2432902008176640000
shift: 2 3
IFS: x y z
EOF
	# shellcheck disable=SC2016 # the guest shell expands these
	bb sh -c '
		i=0; s=0
		while [ $i -lt 100 ]; do i=$((i + 1)); s=$((s + i * i)); done
		echo "sum of squares 1..100 = $s"
		for w in c a b; do echo $w; done | sort
		x=$(echo abc); echo "len=${#x} trimmed=${x%c}"
		(exit 7); echo "subshell status=$?"
		f() { return 3; }; f; echo "function status=$?"
		case foo in f*) echo "case ok" ;; *) echo "case bad" ;; esac
		printf "%05d|%-4s|%x\n" 42 ab 255
		n=1; k=1; while [ $k -le 20 ]; do n=$((n * k)); k=$((k + 1)); done; echo "fact(20)=$n"
		set -- 1 2 3; shift; echo "shift: $*"
		v="x:y:z"; IFS=:; set -- $v; IFS=" "; echo "IFS: $*"
	' >"$T/got" 2>&1
	check sh-script

	bb sh -c 'false || exit 42' >/dev/null 2>&1
	echo "status $?" >"$T/got"
	echo "status 42" >"$T/want"
	check sh-exit-status

	# shellcheck disable=SC2016
	bb sh -c 'read a b; echo "[$b][$a]"; read c; echo "[$c]"' >"$T/got" 2>&1 <<'EOF'
first second third
next line
EOF
	printf '[second third][first]\n[next line]\n' >"$T/want"
	check sh-read-stdin

	# ---- ls -l: mode, size and name columns (owners, dates and ACL markers left out)
	lscols() { awk 'NR > 1 || $1 != "total" { m = $1; sub(/[.+]$/, "", m); print m, $5, $NF }'; }
	(cd "$D/tree" && ls -l) | lscols >"$T/want"
	(cd "$D/tree" && bb ls -l) | lscols >"$T/got"
	check ls-l
	(cd "$D/tree" && ls -lR) | lscols >"$T/want"
	(cd "$D/tree" && bb ls -lR) | lscols >"$T/got"
	check ls-lR
	(cd "$D/tree" && ls -1a) >"$T/want"
	(cd "$D/tree" && bb ls -1a) >"$T/got"
	check ls-1a

	# ---- sort
	for opts in "" "-n" "-r" "-u" "-rn" "-k2,2n" "-k2,2nr -k1,1" "-t: -k2,2"; do
		# shellcheck disable=SC2086 # options are word lists
		{
			sort $opts "$D/words"
			echo ---
			sort $opts "$D/nums"
		} >"$T/want"
		# shellcheck disable=SC2086
		{
			bb sort $opts "$D/words"
			echo ---
			bb sort $opts "$D/nums"
		} >"$T/got"
		check "sort${opts:+ $opts}"
	done
	bb sort -n <"$D/nums" >"$T/got"
	sort -n <"$D/nums" >"$T/want"
	check "sort -n stdin"

	# ---- checksums of known data
	(cd "$D" && md5sum md5data words) >"$T/want"
	(cd "$D" && bb md5sum md5data words) >"$T/got"
	check md5sum
	(cd "$D" && sha256sum md5data) >"$T/want"
	(cd "$D" && bb sha256sum md5data) >"$T/got"
	check sha256sum
	printf 'd41d8cd98f00b204e9800998ecf8427e  -\n' >"$T/want"
	bb md5sum </dev/null >"$T/got"
	check md5sum-empty-stdin

	# ---- tar: create, list, extract; host tar reads the archive too
	rm -rf "$T/x1" "$T/x2" "$T/a.tar"
	mkdir -p "$T/x1" "$T/x2"
	bb tar -cf "$T/a.tar" -C "$D" tree
	(tar -tf "$T/a.tar" | sed 's:/$::' | sort) >"$T/want"
	(bb tar -tf "$T/a.tar" | sed 's:/$::' | sort) >"$T/got"
	check tar-list
	bb tar -xf "$T/a.tar" -C "$T/x1"
	if diff -r --no-dereference "$D/tree" "$T/x1/tree" >"$T/got" 2>&1; then
		: >"$T/got"
	fi
	: >"$T/want"
	check tar-extract-roundtrip --empty-ok
	(cd "$D/tree" && find . -printf '%y %m %s %p\n' | sort) >"$T/want"
	(cd "$T/x1/tree" && find . -printf '%y %m %s %p\n' | sort) >"$T/got"
	check tar-extract-modes
	tar -czf "$T/h.tgz" -C "$D" tree
	bb tar -xzf "$T/h.tgz" -C "$T/x2"
	(cd "$T/x2/tree" && find . -printf '%y %m %s %p\n' | sort) >"$T/got"
	check tar-extract-host-gzip

	# ---- awk: sums, printf formatting, associative arrays
	# shellcheck disable=SC2016 # awk program
	awkprog='{ sum += $2; cnt[$1]++; if ($2 > max) max = $2 }
		END { printf "n=%d sum=%d avg=%.3f max=%5d hex=%x sci=%.2e\n", NR, sum, sum / NR, max, sum, sum * 1000
		      printf "apple=%d fig=%d [%-6s|%6s]\n", cnt["apple"], cnt["fig"], "l", "r" }'
	awk "$awkprog" "$D/words" >"$T/want"
	bb awk "$awkprog" "$D/words" >"$T/got"
	check awk-sums
	awk -F: '{ s += $1 } END { print s, NR }' "$D/md5data" >"$T/want"
	# shellcheck disable=SC2016 # awk program
	bb awk -F: '{ s += $1 } END { print s, NR }' "$D/md5data" >"$T/got"
	check awk-fields
	# Debian's static busybox has no awk math library (no atan2/sin/exp)
	printf '3 c 2 abc 3 ABC 8 -1 0.25\n' >"$T/want"
	bb awk 'BEGIN { n = split("a:b:c", p, ":"); printf "%d %s %d %s %d %s %d %d %g\n", n, p[3],
		int(2.9), substr("xabcx", 2, 3), index("hello", "ll"), toupper("abc"), length("ferry ok"),
		-7 % 3, 1 / 4 }' >"$T/got"
	check awk-builtins

	# ---- sed
	sedprog='/^#/d; s/o/0/g; s/^\([A-Za-z]*\) /[\1] /; 3q'
	sed "$sedprog" "$D/text" >"$T/want"
	bb sed "$sedprog" "$D/text" >"$T/got"
	check sed-script
	sed -n '/fox/,/omega/p' "$D/text" >"$T/want"
	bb sed -n '/fox/,/omega/p' "$D/text" >"$T/got"
	check sed-range
	sed -e '$!d' -e 'y/abc/ABC/' "$D/text" >"$T/want"
	bb sed -e '$!d' -e 'y/abc/ABC/' "$D/text" >"$T/got"
	check sed-last-y

	# ---- grep, with exit statuses
	for args in "-c line" "-v #" "-n -i alpha" "-E [0-9]+" "-o [0-9]+" "-w the" "-x lastline" "nomatch"; do
		# shellcheck disable=SC2086
		{
			grep $args "$D/text"
			echo "status $?"
		} >"$T/want"
		# shellcheck disable=SC2086
		{
			bb grep $args "$D/text"
			echo "status $?"
		} >"$T/got"
		check "grep $args"
	done

	# ---- wc (column widths differ between implementations: compare the numbers)
	for f in text words md5data; do
		wc -l -w -c "$D/$f" | awk '{ print $1, $2, $3 }'
	done >"$T/want"
	for f in text words md5data; do
		bb wc -l -w -c "$D/$f" | awk '{ print $1, $2, $3 }'
	done >"$T/got"
	check wc
	bb wc -l <"$D/md5data" | awk '{ print $1 }' >"$T/got"
	echo 20000 >"$T/want"
	check wc-stdin

	# ---- find
	for expr in "-type f" "-type d" "-name *.txt" "-type f -size +0" "-maxdepth 1" "-type l" "-perm 755"; do
		# shellcheck disable=SC2086
		(cd "$D" && find tree $expr | sort) >"$T/want"
		# shellcheck disable=SC2086
		(cd "$D" && bb find tree $expr | sort) >"$T/got"
		check "find $expr"
	done

	# ---- loopback interface: socket ioctls (ifconfig) and route netlink with
	# SIOCGIFINDEX (ip), against the host's ip: address, netmask, flags, MTU, queue
	if command -v ip >/dev/null; then
		# the host's fields in ifconfig's terms: the prefix length becomes a netmask
		{
			ip -4 -o addr show dev lo | awk '{ split($4, a, "/"); p = a[2]; m = ""
				for (i = 0; i < 4; i++) { b = p >= 8 ? 8 : p > 0 ? p : 0; p -= 8
					m = m (i ? "." : "") 256 - 2 ^ (8 - b) }
				print "inet", a[1], "mask", m; exit }'
			ip link show dev lo | awk 'NR == 1 { f = $3; for (i = 4; i < NF; i++) {
				if ($i == "mtu") mtu = $(i + 1); if ($i == "qlen") q = $(i + 1) }
				print "up", f ~ /[<,]UP[,>]/, "loopback", f ~ /[<,]LOOPBACK[,>]/
				print "mtu", mtu, "txqueuelen", q }'
		} >"$T/want"
		bb ifconfig lo 2>&1 | awk '{ for (i = 1; i <= NF; i++) {
				if ($i ~ /^addr:/ && $(i - 1) == "inet") addr = substr($i, 6)
				if ($i ~ /^Mask:/) mask = substr($i, 6)
				if ($i == "UP") up = 1; if ($i == "LOOPBACK") lb = 1
				if ($i ~ /^MTU:/) mtu = substr($i, 5)
				if ($i ~ /^txqueuelen:/) q = substr($i, 12) }
				if (/Inappropriate ioctl/) print }
			END { print "inet", addr, "mask", mask; print "up", up + 0, "loopback", lb + 0
				print "mtu", mtu, "txqueuelen", q }' >"$T/got"
		check "ifconfig lo"
		# index, name, flags, mtu, qdisc, qlen and the link line
		linkfields() {
			awk 'NR == 1 { out = $1 " " $2 " " $3
				for (i = 4; i < NF; i++) if ($i == "mtu" || $i == "qdisc" || $i == "qlen")
					out = out " " $i " " $(i + 1)
				print out }
				NR > 1 { $1 = $1; print }'
		}
		ip link show lo | linkfields >"$T/want"
		bb ip link show lo 2>&1 | linkfields >"$T/got"
		check "ip link show lo"
	else
		echo "SKIP busybox ifconfig/ip link $engine: no ip on the host to compare with"
		skipped=$((skipped + 2))
	fi
done

if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
