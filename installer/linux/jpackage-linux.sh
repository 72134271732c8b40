#!/usr/bin/env bash
# Builds the Linux packages from a Maven build (the package-linux profile calls it in pre-integration-test):
# app-image -> AppCDS class list (training run = --self-check) and archive -> .deb (and .rpm where rpmbuild exists).
# The packages ship the class list, not the archive: their postinst dumps it at the installed path (see
# cds-archive.sh), which keeps the class-path classes in it and the .deb about 37 MB smaller.
# Then the .deb is repacked (deb-finish.sh) with what jpackage cannot express: the command on the PATH, the menu entry
# and icons installed as package files instead of through xdg-utils, a Depends list without duplicates.
# Usage: installer/linux/jpackage-linux.sh JPACKAGE_DIR NAME VERSION RELEASE MAIN_JAR_PATH MAIN_CLASS
# JPACKAGE_DIR must already hold javafx-modules/ (the linux-classifier JavaFX jars) and input/ (runtime jars
# without JavaFX); both are copied by maven-dependency-plugin in the profile.
set -euo pipefail
cd "$(dirname "$0")/../.."

dir=$1 name=$2 version=$3 release=$4 main_jar=$5 main_class=$6
vendor="x402.jobs"
description="x402 Operator Console: migration 005, row level security, encrypted OpenRouter keys and openrouter_instant resources on the x402.jobs database"

cp "$main_jar" "$dir/input/"
cp installer/linux/cds-archive.sh "$dir/input/"
# jpackage refuses an existing destination, so every build starts from an empty one
rm -rf "$dir/app-image"
echo "jpackage: app-image"
jpackage --type app-image @installer/jpackage-runtime.args \
  --dest "$dir/app-image" --name "$name" --app-version "$version" \
  --vendor "$vendor" --description "$description" --icon installer/icons/x402-console-256.png \
  --input "$dir/input" --main-jar "$(basename "$main_jar")" --main-class "$main_class"

java -Dappcds.classPath=true installer/AppCdsArchive.java "$dir/app-image/$name" "$name" --self-check

# the packages get the image without its archive (bound to this path); their postinst makes one where they install
rm -rf "$dir/package-image"
mkdir -p "$dir/package-image"
cp -a "$dir/app-image/$name" "$dir/package-image/"
rm -f "$dir/package-image/$name/lib/app/$name.jsa"

package_types=(deb)
if command -v rpmbuild > /dev/null; then
  package_types+=(rpm)
fi
for type in "${package_types[@]}"; do
  echo "jpackage: $type"
  rm -f "$dir"/*."$type"
  # no --linux-shortcut: that would make the package depend on xdg-utils (and, through its Recommends, perl and a
  # terminal emulator) only to copy one .desktop file; deb-finish.sh installs the entry and icons as package files
  jpackage --type "$type" --app-image "$dir/package-image/$name" --dest "$dir" \
    --name "$name" --app-version "$version" --linux-app-release "$release" --vendor "$vendor" \
    --description "$description" --resource-dir installer/linux \
    --linux-app-category misc --linux-deb-maintainer "operators@x402.jobs"
done
bash installer/linux/deb-finish.sh "$dir"/"$name"_"$version"-"$release"_*.deb "$name"
ls -l "$dir"/*.deb "$dir"/*.rpm 2>/dev/null || true
