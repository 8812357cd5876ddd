#!/usr/bin/env bash
# Builds .carry/gpu/ (git-ignored) for run-engine-on-gpu.sh: the engine's class path without libtorch (the socket
# step executor never loads it) in lib/, and a jlink runtime both unpacked (jre/, for trying it here) and packed
# (jre.tar.xz, what travels: the packed runtime is a third of the unpacked one). Run from the repository root after
# `mvn -B -q -o -pl schemas,model-serving install -DskipTests`, so the jars are the current ones.
# An existing runtime is kept (copying the jars takes a second, jdeps, jlink and xz a minute); REBUILD_JRE=1 remakes it.
set -euo pipefail

JDK=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
CARRY=.carry/gpu

# the engine's jar and what it needs at run time, as the build resolves it (no version is written here), less
# DJL's PyTorch natives (pytorch-jni, pytorch-native-cpu): the socket executor never loads libtorch
rm -rf "$CARRY/lib"
mkdir -p "$CARRY/lib"
mvn -B -q -o -pl model-serving dependency:copy-dependencies -DincludeScope=runtime \
  -DexcludeArtifactIds=pytorch-jni,pytorch-native-cpu -DoutputDirectory="$PWD/$CARRY/lib"
cp model-serving/target/model-serving-*.jar "$CARRY/lib/"

# tokenizers and JNA with only their linux-x86_64 native libraries
TOKENIZERS=$(ls "$CARRY"/lib/tokenizers-*.jar)
JNA=$(ls "$CARRY"/lib/jna-*.jar)
zip -q -d "$TOKENIZERS" 'native/lib/linux-aarch64/*' 'native/lib/osx-aarch64/*' 'native/lib/win-x86_64/*'
zip -q -d "$JNA" $(unzip -Z1 "$JNA" | grep '^com/sun/jna/[a-z0-9-]*/' | grep -v '^com/sun/jna/\(linux-x86-64\|ptr\|win32\)/')

if [[ -f "$CARRY/jre.tar.xz" && -x "$CARRY/jre/bin/java" && "${REBUILD_JRE:-0}" != 1 ]]; then
  du -sh "$CARRY/jre" "$CARRY/jre.tar.xz" "$CARRY/lib"
  exit 0
fi
rm -rf "$CARRY/jre" "$CARRY/jre.tar.xz"
MODULES=$("$JDK/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 17 "$CARRY"/lib/*.jar 2>/dev/null)
# jdk.unsupported: sun.misc.Unsafe, which jdeps does not see through reflection
MODULES="$MODULES,jdk.unsupported"
# --compress=0: xz packs the uncompressed module image far smaller than jlink's own zip level
"$JDK/bin/jlink" --module-path "$JDK/jmods" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=0 --output "$CARRY/jre"
# the JDK's shared libraries keep their symbol tables; the runtime does not need them
find "$CARRY/jre" -name '*.so' -exec strip --strip-unneeded {} +
tar -C "$CARRY" -cJf "$CARRY/jre.tar.xz" jre
echo "modules: $MODULES"
du -sh "$CARRY/jre" "$CARRY/jre.tar.xz" "$CARRY/lib"
