#!/bin/sh
# Builds the stop rung's JVMTI shim (reaper_stop.c) into the classes directory, where
# JvmtiThreadStopper finds it as a resource.
#
# Usage: sh build.sh <JAVA_HOME of the running JDK> <output classes directory>
#
# Anything missing (not Linux, no gcc, a JRE without headers) is a warning, not a failure: the
# extension still works and its stop rung reports itself unavailable. Only a failing compile fails.
set -u

java_home=${1:?usage: build.sh JAVA_HOME CLASSES_DIR}
classes=${2:?usage: build.sh JAVA_HOME CLASSES_DIR}
src_dir=$(cd "$(dirname "$0")" && pwd)

skip() {
    echo "WARNING: Reaper: JVMTI stopper not built: $1; the stop rung will report itself unavailable"
    exit 0
}

os=$(uname -s)
[ "$os" = Linux ] || skip "not Linux ($os)"

machine=$(uname -m)
case $machine in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) skip "unsupported architecture $machine" ;;
esac

command -v gcc >/dev/null 2>&1 || skip "gcc not found on PATH"
[ -f "$java_home/include/jni.h" ] || skip "no jni.h under $java_home/include (a JRE rather than a JDK?)"
[ -f "$java_home/include/jvmti.h" ] || skip "no jvmti.h under $java_home/include"

# Must match JvmtiThreadStopper.resourceName().
out_dir=$classes/dev/reaper/internal/ladder/native/linux-$arch
mkdir -p "$out_dir" || exit 1

# -fvisibility=hidden: export only the JNIEXPORT functions.
if ! gcc -shared -fPIC -O2 -Wall -Wextra -fvisibility=hidden \
        -I"$java_home/include" -I"$java_home/include/linux" \
        -o "$out_dir/libreaperstop.so" "$src_dir/reaper_stop.c"; then
    echo "ERROR: Reaper: compiling $src_dir/reaper_stop.c failed (see gcc's messages above)" >&2
    exit 1
fi
