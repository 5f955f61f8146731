#!/bin/bash
# The differential tester's driver: random valid instruction sequences run under ferry
# and under Debian's qemu-<isa>, the register dumps compared (tests/README.md).
#
# usage: tests/difftest/run.sh [options] BUILD_DIR
#   --isa ISA        riscv64 or aarch64 (repeatable; default both)
#   --n N            random instructions per ISA (default 20000)
#   --seed S         first batch seed (default 1); batch k uses S+k
#   --seqs K --len L sequences per program and instructions per sequence (100, 50)
#   --save           write each shrunk divergence to tests/difftest/regress/ (only after
#                    checking against the architecture manual that qemu is right)
#   --regress-only   run only the regression files
# ENGINES (default "jit") lists the FERRY_ENGINE values ferry runs under. Each batch
# prints PASS or FAIL; a divergence is shrunk to a minimal sequence and printed with
# its disassembly and differing registers. The last line is "N passed, N failed".
set -u

usage() {
	sed -n '5,15s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

isas=()
n=20000
seed=1
seqs=100
len=50
save=0
regress_only=0
while [ $# -gt 1 ]; do
	case $1 in
	--isa) isas+=("$2"); shift 2 ;;
	--n) n=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	--seqs) seqs=$2; shift 2 ;;
	--len) len=$2; shift 2 ;;
	--save) save=1; shift ;;
	--regress-only) regress_only=1; shift ;;
	*) usage ;;
	esac
done
[ $# -eq 1 ] || usage
BUILD=$1
[ ${#isas[@]} -gt 0 ] || isas=(riscv64 aarch64)
HERE=$(cd "$(dirname "$0")" && pwd)
GEN=$BUILD/tests/difftest
WORK=$BUILD/tests/difftest-work
ENGINES=${ENGINES:-jit}
TIMEOUT=${DIFFTEST_TIMEOUT:-60}
mkdir -p "$WORK"
exec </dev/null

pass=0
fail=0

if ! [ -x "$GEN" ]; then
	echo "FAIL difftest: $GEN is not built"
	echo "0 passed, 1 failed"
	exit 1
fi

cross() { echo "$1-linux-gnu-"; }
# qemu's "max" CPU with pointer authentication off: ferry runs the PAC hints as nops,
# as a CPU without FEAT_PAuth does; everything else qemu adds beyond ferry's profile is
# kept out of the sequences by the binutils round trip.
qemu_cmd() {
	case $1 in
	aarch64) echo "qemu-aarch64 -cpu max,pauth=off" ;;
	*) echo "qemu-$1" ;;
	esac
}
march() { "$GEN" march "$1"; }

# filter ISA POOL OUT: keeps the candidates binutils disassembles and reassembles, for
# ferry's -march, to the identical word (reserved encodings, other extensions' and
# should-be fields that are not as the architecture wants fail); pc-relative lines
# (column 3 "k") are kept as they are.
filter() {
	local isa=$1 pool=$2 out=$3 pfx d bad=() asflags=()
	pfx=$(cross "$isa")
	d=$(mktemp -d "$WORK/filter.XXXXXX")
	[ "$isa" = riscv64 ] && asflags=(-march="$(march "$isa")")
	if ! "$GEN" rt-src "$isa" "$pool" >"$d/cand.S" ||
		! "${pfx}as" "${asflags[@]}" -o "$d/cand.o" "$d/cand.S" ||
		! "${pfx}objdump" -d -M no-aliases --no-show-raw-insn "$d/cand.o" >"$d/dis" ||
		! "$GEN" rt-asm "$isa" "$pool" "$d/dis" >"$d/rt.S"; then
		rm -rf "$d"
		return 1
	fi
	# lines binutils rejects get a half-word that matches no candidate; assemble again
	"${pfx}as" "${asflags[@]}" -o "$d/rt.o" "$d/rt.S" 2>"$d/err"
	mapfile -t bad < <(sed -nE 's/^[^:]*:([0-9]+): Error:.*/\1/p' "$d/err" | sort -un)
	if [ ${#bad[@]} -gt 0 ]; then
		printf '%ss/;[^;]*$/; .2byte 0/\n' "${bad[@]}" | sed -f - "$d/rt.S" >"$d/rt2.S"
		"${pfx}as" "${asflags[@]}" -o "$d/rt.o" "$d/rt2.S" 2>>"$d/err" || { rm -rf "$d"; return 1; }
	fi
	"${pfx}objcopy" -O binary -j .text "$d/rt.o" "$d/rt.bin" &&
		"$GEN" rt-keep "$isa" "$pool" "$d/rt.bin" >"$out"
	local st=$?
	rm -rf "$d"
	return $st
}

# build CASE DIR: DIR/prog from the case file
build() {
	local c=$1 d=$2 isa pfx
	isa=$(sed -n '1s/^isa //p' "$c")
	pfx=$(cross "$isa")
	"$GEN" emit "$c" >"$d/prog.S" &&
		"${pfx}as" -o "$d/prog.o" "$d/prog.S" 2>"$d/as.err" &&
		"${pfx}ld" -static -o "$d/prog" "$d/prog.o"
}

# run ISA DIR: DIR/expected (qemu) and DIR/got.ENGINE (ferry) from DIR/prog; prints the
# engines whose dump differs
run_both() {
	local isa=$1 d=$2 e q
	read -r -a q <<<"$(qemu_cmd "$isa")"
	timeout "$TIMEOUT" "${q[@]}" "$d/prog" >"$d/expected" 2>"$d/qemu.err"
	for e in $ENGINES; do
		FERRY_ENGINE=$e timeout "$TIMEOUT" "$BUILD/ferry-$isa" "$d/prog" >"$d/got.$e" 2>"$d/ferry.$e.err"
		cmp -s "$d/expected" "$d/got.$e" || echo "$e"
	done
}

# still_differs CASE ENGINE: does this (smaller) case still diverge under ENGINE?
still_differs() {
	local c=$1 e=$2 isa d
	isa=$(sed -n '1s/^isa //p' "$c")
	d=$(mktemp -d "$WORK/try.XXXXXX")
	local r=1
	if build "$c" "$d"; then
		local q
		read -r -a q <<<"$(qemu_cmd "$isa")"
		timeout "$TIMEOUT" "${q[@]}" "$d/prog" >"$d/expected" 2>/dev/null
		FERRY_ENGINE=$e timeout "$TIMEOUT" "$BUILD/ferry-$isa" "$d/prog" >"$d/got" 2>/dev/null
		cmp -s "$d/expected" "$d/got" || r=0
	fi
	rm -rf "$d"
	return $r
}

# shrink CASE ENGINE: removes units while the divergence persists (halves, quarters,
# ..., single units), in place
shrink() {
	local c=$1 e=$2 head units nu chunk start try
	head=$(sed -n '1,2p' "$c")
	mapfile -t units < <(sed -n '3,$p' "$c")
	nu=${#units[@]}
	chunk=$(((nu + 1) / 2))
	while [ "$chunk" -ge 1 ]; do
		start=0
		while [ "$start" -lt "${#units[@]}" ]; do
			try=("${units[@]:0:start}" "${units[@]:start+chunk}")
			if [ ${#try[@]} -gt 0 ]; then
				{ echo "$head"; printf '%s\n' "${try[@]}"; } >"$c.try"
				if still_differs "$c.try" "$e"; then
					units=("${try[@]}")
					continue
				fi
			fi
			start=$((start + chunk))
		done
		[ "$chunk" -eq 1 ] && break
		chunk=$(((chunk + 1) / 2))
	done
	{ echo "$head"; printf '%s\n' "${units[@]}"; } >"$c"
	rm -f "$c.try"
}

# report ISA CASE ENGINE NAME: shrinks one diverging sequence, shows it, keeps it
report() {
	local isa=$1 c=$2 e=$3 name=$4 d pfx dest
	pfx=$(cross "$isa")
	shrink "$c" "$e"
	d=$(mktemp -d "$WORK/min.XXXXXX")
	build "$c" "$d"
	run_both "$isa" "$d" >/dev/null
	echo "  minimal case ($(($(wc -l <"$c") - 2)) units, engine $e), instructions:"
	awk '$1 == "u" { print $3 }' "$c" | while read -r w; do
		printf '    %s  ' "$w"
		if [ "$isa" = aarch64 ]; then
			printf '.inst %s\n' "$w" >"$d/one.S"
		else
			printf '.insn %s\n' "$w" >"$d/one.S"
		fi
		"${pfx}as" -o "$d/one.o" "$d/one.S" && "${pfx}objdump" -d "$d/one.o" |
			sed -n 's/^ *0:\t[0-9a-f ]*\t//p'
	done
	"$GEN" diff "$isa" "$d/expected" "$d/got.$e" | grep -v '^FIRST'
	if [ "$save" = 1 ]; then
		dest=$HERE/regress
	else
		dest=$BUILD/tests/difftest-found
	fi
	mkdir -p "$dest"
	cp "$c" "$dest/$name.case"
	od -An -v -tx1 "$d/expected" >"$dest/$name.expected"
	echo "  kept as $dest/$name.case (+ .expected, from qemu; difftest emit CASE gives the program)"
	rm -rf "$d"
}

# batch ISA SEED: one program of $seqs sequences of $len instructions
batch() {
	local isa=$1 s=$2 d engines e first
	d=$WORK/$isa-$s
	rm -rf "$d"
	mkdir -p "$d"
	"$GEN" pool "$isa" "$s" $((seqs * len * 3 / 2)) >"$d/pool"
	if ! filter "$isa" "$d/pool" "$d/accepted"; then
		echo "FAIL $isa seed $s: the binutils round trip failed"
		fail=$((fail + 1))
		return
	fi
	"$GEN" cases "$isa" "$s" "$seqs" "$len" "$d/accepted" >"$d/case"
	if [ "$(grep -c '^seq ' "$d/case")" -ne "$seqs" ]; then
		echo "FAIL $isa seed $s: binutils accepted only $(wc -l <"$d/accepted") of $(wc -l <"$d/pool") candidates"
		fail=$((fail + 1))
		return
	fi
	if ! build "$d/case" "$d"; then
		echo "FAIL $isa seed $s: does not assemble:"
		head -n 5 "$d/as.err"
		fail=$((fail + 1))
		return
	fi
	engines=$(run_both "$isa" "$d")
	# both emulators failing alike would compare equal: qemu must have run every sequence
	if [ "$(stat -c %s "$d/expected")" -ne $((seqs * $("$GEN" recsize "$isa"))) ]; then
		echo "FAIL $isa seed $s: qemu wrote $(stat -c %s "$d/expected") bytes, not $seqs records:"
		head -n 5 "$d/qemu.err"
		fail=$((fail + 1))
		return
	fi
	# a sequence that faults stops there: if many do, the generator has gone wrong
	nsig=$("$GEN" signals "$isa" "$d/expected")
	if [ $((nsig * 10)) -gt "$seqs" ]; then
		echo "FAIL $isa seed $s: $nsig of $seqs sequences end in a signal under qemu"
		fail=$((fail + 1))
		return
	fi
	if [ -z "$engines" ]; then
		echo "PASS $isa seed $s ($seqs x $len, $nsig ended by a signal)"
		pass=$((pass + 1))
		rm -rf "$d"
		return
	fi
	for e in $engines; do
		echo "FAIL $isa seed $s engine $e:"
		"$GEN" diff "$isa" "$d/expected" "$d/got.$e" >"$d/diff.$e"
		grep -v '^FIRST' "$d/diff.$e" | head -n 12
		first=$(sed -n 's/^FIRST //p' "$d/diff.$e")
		# the first diverging sequence alone
		awk -v k="$first" 'NR == 1 { print; next } $1 == "seq" { i++ } i == k + 1' "$d/case" >"$d/seq.case"
		if still_differs "$d/seq.case" "$e"; then
			report "$isa" "$d/seq.case" "$e" "$isa-$s"
		else
			echo "  (does not diverge on its own: kept in $d)"
		fi
	done
	fail=$((fail + 1))
}

# regression files: the program emitted from tests/difftest/regress/ISA-SEED.case must
# give ISA-SEED.expected
regress() {
	local f isa name d e
	for f in "$HERE"/regress/*.case; do
		[ -e "$f" ] || continue
		name=$(basename "$f" .case)
		isa=$(sed -n '1s/^isa //p' "$f")
		d=$(mktemp -d "$WORK/reg.XXXXXX")
		if ! build "$f" "$d"; then
			echo "FAIL regress/$name: does not build"
			cat "$d/as.err" 2>/dev/null
			fail=$((fail + 1))
			rm -rf "$d"
			continue
		fi
		for e in $ENGINES; do
			FERRY_ENGINE=$e timeout "$TIMEOUT" "$BUILD/ferry-$isa" "$d/prog" >"$d/got" 2>/dev/null
			if od -An -v -tx1 "$d/got" | cmp -s - "${f%.case}.expected"; then
				echo "PASS regress/$name ($e)"
				pass=$((pass + 1))
			else
				echo "FAIL regress/$name ($e)"
				fail=$((fail + 1))
			fi
		done
		rm -rf "$d"
	done
}

regress
if [ "$regress_only" = 0 ]; then
	batches=$(((n + seqs * len - 1) / (seqs * len)))
	for isa in "${isas[@]}"; do
		for ((k = 0; k < batches; k++)); do
			batch "$isa" $((seed + k))
		done
	done
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
