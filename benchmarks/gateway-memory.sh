#!/usr/bin/env bash
# Resident memory of the gateway distribution's agent (docs/BENCHMARKS.md, "Edge agent"): 50 SunSpec
# devices polled every second, forwarding to Mosquitto, through a broker outage and the backlog's replay.
#   benchmarks/gateway-memory.sh [UP_S DOWN_S BACK_S]    (default 180 180 240)
# Needs: mvn -pl edge-agent package (the distribution), ./mrv built, mosquitto on PATH. Ports 15020, 18883.
# Prints VmRSS every 30 s per agent, then a line per agent with its peak (VmHWM). Extra agents: AGENT_OPTS
# lines "name|JVM options" (empty: the start script's defaults; options given replace them all, as MRV_JAVA_OPTS does),
# e.g. AGENT_OPTS=$'default|\nsmall|-Xms4m -Xmx12m -Xmn3m -XX:+UseSerialGC -XX:TieredStopAtLevel=1'. MB here is 1,000 kB.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
UP=${1:-180} DOWN=${2:-180} BACK=${3:-240}
DIST=$(ls -d "$ROOT"/edge-agent/target/edge-agent-*-gateway/solar-mrv-agent | head -1)
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$ROOT/mrv" sim --fleet 50 --port 15020 --fleet-devices-file "$WORK/devices.txt" > "$WORK/sim.log" 2>&1 &
mosquitto -p 18883 > "$WORK/mosquitto.log" 2>&1 & broker=$!
for _ in $(seq 60); do [ -s "$WORK/devices.txt" ] && break; sleep 1; done
devices=$(cat "$WORK/devices.txt")
names=()
while IFS='|' read -r name opts; do
  [ -n "$name" ] || continue
  names+=("$name")
  if [ -n "$opts" ]; then export MRV_JAVA_OPTS="$opts"; else unset MRV_JAVA_OPTS; fi
  "$DIST/bin/solar-mrv-agent" --data-dir "$WORK/$name" --device "$devices" --broker tcp://127.0.0.1:18883 --poll PT1S \
      > "$WORK/$name.log" 2>&1 &
  echo $! > "$WORK/$name.pid"
done <<< "${AGENT_OPTS:-default|}"
sample() { # phase seconds
  local end=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    sleep 30
    for name in "${names[@]}"; do
      printf '%s %-5s %-12s VmRSS %6d kB\n' "$(date +%T)" "$1" "$name" "$(awk '/VmRSS/{print $2}' "/proc/$(cat "$WORK/$name.pid")/status")"
    done
  done
}
sample up "$UP"
kill "$broker"; wait "$broker" 2>/dev/null || true; echo "$(date +%T) broker stopped"
sample down "$DOWN"
mosquitto -p 18883 >> "$WORK/mosquitto.log" 2>&1 &
echo "$(date +%T) broker started again"
sample back "$BACK"
echo "| agent | peak VmHWM | OutOfMemoryError |"
echo "|---|---:|---|"
for name in "${names[@]}"; do
  echo "| $name | $(awk '/VmHWM/{printf "%.1f MB", $2/1000}' "/proc/$(cat "$WORK/$name.pid")/status") | $(grep -c OutOfMemoryError "$WORK/$name.log" || true) |"
done
