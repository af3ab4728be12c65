#!/bin/sh
# basins_vs_numpy.sh [RUNS] [NUMPY_SCRIPT]: times `descent basins` against the
# vectorised NumPy basins script on the same problem (Himmelblau, Adam lr
# 0.05, 400 x 400 starts, 300 steps), whole processes, alternating one run
# of each so both see the same machine load, and prints each run, the
# medians and the ratio. Run from the repository's root; needs /usr/bin/python3
# with numpy.
set -eu
runs=${1:-5}
script=${2:-../shared/bench/numpy_basins.py}
bin=$(mktemp -d)/descent
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/descent
out=$(dirname "$bin")
now() { date +%s.%N; }
np="" go=""
i=0
while [ "$i" -lt "$runs" ]; do
	t0=$(now)
	/usr/bin/python3 "$script" 400 300 0.05 >"$out/np.txt"
	t1=$(now)
	"$bin" basins -surface himmelblau -optimizer adam:lr=0.05 -grid 400 -steps 300 -o "$out/map.png"
	t2=$(now)
	a=$(echo "$t1 - $t0" | bc) b=$(echo "$t2 - $t1" | bc)
	echo "run $((i + 1)): numpy $a s ($(cut -d: -f2 "$out/np.txt" | cut -d';' -f1 | tr -d ' ') inside), descent $b s"
	np="$np $a" go="$go $b"
	i=$((i + 1))
done
median() { echo "$@" | tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
mn=$(median $np) mg=$(median $go)
echo "median: numpy $mn s, descent $mg s, ratio $(echo "scale=2; $mn / $mg" | bc)x"
