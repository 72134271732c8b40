#!/bin/sh
# Dumps the class-data sharing (AppCDS) archive of an installed x402 console next to its launcher configuration:
# the runtime image's classes AND the class-path jars' classes, as listed by the build's training run
# (NAME.classlist, shipped beside this script in lib/app).
#
# Why at install time: JDK 17 binds an archive that holds class-path classes to the absolute path and the size and
# modification time of every jar. The build cannot know where the package is installed, so the .deb ships the class
# list and its postinst runs this script at /opt/...; the build runs it for the app-image in place. When the archive is
# missing or no longer matches (a jar replaced by hand), the JVM silently starts without it: slower, nothing else.
#
# Usage: cds-archive.sh [NAME]   (NAME defaults to the only *.cfg in this directory)
set -eu
app_dir=$(cd "$(dirname "$0")" && pwd)
if [ $# -ge 1 ]; then
  name=$1
else
  set -- "$app_dir"/*.cfg
  if [ $# -ne 1 ] || [ ! -f "$1" ]; then
    echo "cds-archive: expected exactly one launcher .cfg in $app_dir; pass the launcher name" >&2
    exit 2
  fi
  name=$(basename "$1" .cfg)
fi
cfg=$app_dir/$name.cfg
class_list=$app_dir/$name.classlist
archive=$app_dir/$name.jsa
java=$app_dir/../runtime/bin/java
for needed in "$cfg" "$class_list" "$java"; do
  if [ ! -e "$needed" ]; then
    echo "cds-archive: $needed is missing: is this a jpackage app-image built with installer/linux/jpackage-linux.sh?" >&2
    exit 2
  fi
done

# the launcher's class path, in the launcher's order: the archive records it and must match it exactly
class_path=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s#^\$APPDIR#$app_dir#" | paste -sd: -)
if [ -z "$class_path" ]; then
  echo "cds-archive: no app.classpath in $cfg" >&2
  exit 2
fi

# written beside the target and renamed, so a failed dump never leaves half an archive for the launcher to map
partial=$archive.partial.$$
trap 'rm -f "$partial"' EXIT
"$java" -Xshare:dump -XX:SharedClassListFile="$class_list" -XX:SharedArchiveFile="$partial" \
  -cp "$class_path" -Xlog:cds=off -Xlog:cds+dynamic=off > /dev/null
mv -f "$partial" "$archive"
echo "cds-archive: $archive ($(($(wc -c < "$archive") / 1024)) KiB)"
