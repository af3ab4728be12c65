#!/bin/sh
# basins_vs_numpy.sh [RUNS] [NUMPY_SCRIPT]: times `descent basins` against the
# vectorised NumPy basins script on the same problem (Himmelblau, Adam lr
# 0.05, 400 x 400 starts, 300 steps), whole processes, alternating one run
# of each so both see the same machine load, and prints each run, the
# medians and the ratio, with each process's CPU time (user + system),
# which other work on the machine disturbs less. Run from the repository's root; needs /usr/bin/python3
# with numpy.
set -eu
runs=${1:-5}
script=${2:-scene/basins/testdata/numpy_basins.py}
bin=$(mktemp -d)/descent
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/descent
out=$(dirname "$bin")
now() { date +%s.%N; }
np="" go=""
i=0
while [ "$i" -lt "$runs" ]; do
	t0=$(now)
	/usr/bin/time -o "$out/np.cpu" -f "%U %S" /usr/bin/python3 "$script" 400 300 0.05 >"$out/np.txt"
	t1=$(now)
	/usr/bin/time -o "$out/go.cpu" -f "%U %S" "$bin" basins -surface himmelblau -optimizer adam:lr=0.05 -grid 400 -steps 300 -o "$out/map.png"
	t2=$(now)
	a=$(echo "$t1 - $t0" | bc) b=$(echo "$t2 - $t1" | bc)
	ca=$(awk '{print $1 + $2}' "$out/np.cpu") cb=$(awk '{print $1 + $2}' "$out/go.cpu")
	echo "run $((i + 1)): numpy $a s (its own timer $(cut -d: -f2 "$out/np.txt" | cut -d';' -f1 | tr -d ' '), cpu $ca s), descent $b s (cpu $cb s)"
	np="$np $a" go="$go $b"
	i=$((i + 1))
done
median() { echo "$@" | tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
mn=$(median $np) mg=$(median $go)
echo "median: numpy $mn s, descent $mg s, ratio $(echo "scale=2; $mn / $mg" | bc)x"
