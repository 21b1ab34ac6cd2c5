#!/usr/bin/env bash
# End-to-end timings and memory of the real binary on generated data:
# `stationcal list` for one week, with hyperfine (time) and GNU time (peak RSS).
# Needs hyperfine and GNU time (`apt-get install -y hyperfine time`).
#   bash benches/cli.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet --bin stationcal --example gen_schedule
bin="$CARGO_TARGET_DIR/release/stationcal"
gen="$CARGO_TARGET_DIR/release/examples/gen_schedule"
data="${1:-$CARGO_TARGET_DIR/bench-cli}"
mkdir -p "$data"
# label | generator arguments | a Monday in the middle of the data
sizes=(
  "5x2|--sites 5 --years 2|2026-11-23"
  "20x5|--sites 20 --years 5|2028-11-20"
  "37x10|--sites 37 --years 10|2030-11-25"
  "1x100-explicit|--sites 1 --years 100 --explicit|2080-11-25"
)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
echo
echo "| data | files | list --days 7: mean ± σ (min) | peak RSS |"
echo "|---|---|---|---|"
for s in "${sizes[@]}"; do
  IFS='|' read -r label args monday <<<"$s"
  dir="$data/$label"
  [ -e "$dir/network.ron" ] || [ -e "$dir/station.ron" ] || "$gen" $args "$dir" >/dev/null
  size=$(du -sh "$dir" | cut -f1)
  json=$(mktemp)
  hyperfine -N -w 3 -r 30 --export-json "$json" "$bin --dir $dir list --from $monday --days 7" >/dev/null 2>&1
  t=$(python3 -c "import json,sys; r=json.load(open('$json'))['results'][0]; print('%.1f ± %.1f ms (%.1f)' % (r['mean']*1e3, r['stddev']*1e3, r['min']*1e3))")
  rss=$( { /usr/bin/time -v "$bin" --dir "$dir" list --from "$monday" --days 7 >/dev/null; } 2>&1 | awk -F: '/Maximum resident/{printf "%.1f MiB", $2/1024}')
  rm -f "$json"
  echo "| $label | $size | $t | $rss |"
done
