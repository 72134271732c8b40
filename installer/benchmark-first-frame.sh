#!/usr/bin/env bash
# First frame (JVM start -> first pulse) of the packaged console against a minimal JavaFX "hello" window packaged
# the same way (same runtime modules and jlink options, same AppCDS treatment), in the same run, alternating
# app/hello so load on the machine hits both alike. Prints a markdown table (also written to
# target/benchmark/first-frame.md) with medians of RUNS runs and the package sizes. Each is measured twice: the first
# frame as the app logs it (JVM start -> first layout pulse) and the first pixels a user could see (launch -> first
# screen capture with drawn content, by installer/benchmark/FirstPixels.java).
#
# Needs the packages first:   mvn -Ppackage-linux verify
# Then:                       installer/benchmark-first-frame.sh [RUNS]   (default 5; runs under xvfb-run without DISPLAY)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
jp=target/jpackage
app=$jp/app-image/x402-console/bin/x402-console
bench=target/benchmark
if [[ ! -x $app ]]; then
  echo "no app-image at $app: build it with mvn -Ppackage-linux verify" >&2
  exit 2
fi
if [[ -z ${DISPLAY:-} ]]; then
  exec xvfb-run -a -s "-screen 0 1920x1200x24" "$0" "$@"
fi

# the hello app, packaged like the console
rm -rf "$bench" && mkdir -p "$bench/hello-classes" "$bench/hello-input"
javac --release 17 --module-path $jp/javafx-modules --add-modules javafx.controls -d "$bench/hello-classes" \
  installer/benchmark/HelloFirstFrame.java
jar --create --file "$bench/hello-input/hello-first-frame.jar" -C "$bench/hello-classes" .
cp installer/linux/cds-archive.sh "$bench/hello-input/"
jpackage --type app-image @installer/jpackage-runtime.args --dest "$bench/app-image" --name hello-first-frame \
  --input "$bench/hello-input" --main-jar hello-first-frame.jar --main-class hello.HelloFirstFrame
java -Dappcds.classPath=true installer/AppCdsArchive.java "$bench/app-image/hello-first-frame" hello-first-frame
hello=$bench/app-image/hello-first-frame/bin/hello-first-frame

export X402_CONSOLE_HOME=$bench/console-home NO_AT_BRIDGE=1
first_frame() { # prints the launcher's first-frame-ms
  JAVA_TOOL_OPTIONS=-Dx402.console.benchmark.firstFrame=true "$1" 2>/dev/null | sed -n 's/^first-frame-ms=//p'
}
first_pixels() { # prints "PIXELS FRAME": launch -> first non-blank screen capture, and the launcher's first pulse
  JAVA_TOOL_OPTIONS=-Dx402.console.benchmark.firstFrame=report java installer/benchmark/FirstPixels.java -- "$1" \
    2>/dev/null | awk -F= '/^first-pixels-ms=/ {p=$2} /^first-frame-ms=/ {f=$2} END {print p, f}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

first_frame "$app" > /dev/null # warm-up: extracts JavaFX natives to ~/.openjfx and fills the page cache
first_frame "$hello" > /dev/null
: > "$bench/app.txt"; : > "$bench/hello.txt"
for ((i = 1; i <= runs; i++)); do
  first_frame "$app" >> "$bench/app.txt"
  first_frame "$hello" >> "$bench/hello.txt"
done
# what the screen shows: the first capture with drawn content (the pulse can come well before any pixel)
: > "$bench/app-pixels.txt"; : > "$bench/hello-pixels.txt"
for ((i = 1; i <= runs; i++)); do
  first_pixels "$app" >> "$bench/app-pixels.txt"
  first_pixels "$hello" >> "$bench/hello-pixels.txt"
done
app_px=$(cut -d' ' -f1 "$bench/app-pixels.txt" | median); hello_px=$(cut -d' ' -f1 "$bench/hello-pixels.txt" | median)
px_ratio=$(awk -v a="$app_px" -v h="$hello_px" 'BEGIN {printf "%.2f", a / h}')
app_ms=$(median < "$bench/app.txt"); hello_ms=$(median < "$bench/hello.txt")
ratio=$(awk -v a="$app_ms" -v h="$hello_ms" 'BEGIN {printf "%.2f", a / h}')
mib() { awk -v b="$1" 'BEGIN {printf "%.1f MiB", b / 1048576}'; }
deb=$(ls $jp/*.deb 2>/dev/null | head -1)
{
  echo "| measure | x402 console | hello window | ratio |"
  echo "|---|---|---|---|"
  echo "| first frame, median of $runs (ms) | $app_ms | $hello_ms | ${ratio}x |"
  echo "| first frame, all runs (ms) | $(paste -sd' ' "$bench/app.txt") | $(paste -sd' ' "$bench/hello.txt") | |"
  echo "| first pixels on screen (launch -> first non-blank capture), median of $runs (ms) | $app_px | $hello_px | ${px_ratio}x |"
  echo "| first pixels, all runs (ms) | $(cut -d' ' -f1 "$bench/app-pixels.txt" | paste -sd' ') | $(cut -d' ' -f1 "$bench/hello-pixels.txt" | paste -sd' ') | |"
  echo "| first frame in the same runs as the pixels (ms) | $(cut -d' ' -f2 "$bench/app-pixels.txt" | paste -sd' ') | $(cut -d' ' -f2 "$bench/hello-pixels.txt" | paste -sd' ') | |"
  echo "| app-image | $(mib "$(du -sb "$jp/app-image" | cut -f1)") | $(mib "$(du -sb "$bench/app-image" | cut -f1)") | |"
  if [[ -n $deb ]]; then
    echo "| .deb | $(mib "$(stat -c %s "$deb")") | | |"
  fi
  echo
  echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; JDK $(java -version 2>&1 | head -1)"
} | tee "$bench/first-frame.md"
