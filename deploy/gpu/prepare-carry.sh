#!/usr/bin/env bash
# Builds .carry/gpu/ (git-ignored) for run-engine-on-gpu.sh: the engine's class path without libtorch (the socket
# step executor never loads it) in lib/, and a jlink runtime both unpacked (jre/, for trying it here) and packed
# (jre.tar.xz, what travels: the packed runtime is a third of the unpacked one). Run from the repository root after
# `mvn -B -q -o -pl schemas,model-serving install -DskipTests`, so the installed jars are the current ones.
# An existing runtime is kept (copying the jars takes a second, jdeps, jlink and xz a minute); REBUILD_JRE=1 remakes it.
set -euo pipefail

JDK=${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
M2=${M2:-$HOME/.m2/repository}
CARRY=.carry/gpu
VERSION=0.1.0-SNAPSHOT

# the project jars and what they need at run time, less DJL's PyTorch natives (pytorch-jni, pytorch-native-cpu)
JARS=(
  "dev/manifests/model-serving/$VERSION/model-serving-$VERSION.jar"
  "dev/manifests/schemas/$VERSION/schemas-$VERSION.jar"
  ai/djl/api/0.36.0/api-0.36.0.jar
  ai/djl/pytorch/pytorch-engine/0.36.0/pytorch-engine-0.36.0.jar
  org/apache/avro/avro/1.12.1/avro-1.12.1.jar
  com/fasterxml/jackson/core/jackson-annotations/2.21/jackson-annotations-2.21.jar
  com/fasterxml/jackson/core/jackson-core/2.21.3/jackson-core-2.21.3.jar
  com/fasterxml/jackson/core/jackson-databind/2.21.3/jackson-databind-2.21.3.jar
  com/google/code/gson/gson/2.13.1/gson-2.13.1.jar
  org/apache/commons/commons-compress/1.28.0/commons-compress-1.28.0.jar
  org/apache/commons/commons-lang3/3.18.0/commons-lang3-3.18.0.jar
  commons-io/commons-io/2.20.0/commons-io-2.20.0.jar
  commons-codec/commons-codec/1.19.0/commons-codec-1.19.0.jar
  org/slf4j/slf4j-api/2.0.18/slf4j-api-2.0.18.jar
)
TOKENIZERS=ai/djl/huggingface/tokenizers/0.36.0/tokenizers-0.36.0.jar
JNA=net/java/dev/jna/jna/5.17.0/jna-5.17.0.jar

rm -rf "$CARRY/lib"
mkdir -p "$CARRY/lib"
for jar in "${JARS[@]}"; do
  cp "$M2/$jar" "$CARRY/lib/"
done

# tokenizers and JNA with only their linux-x86_64 native libraries
cp "$M2/$TOKENIZERS" "$M2/$JNA" "$CARRY/lib/"
zip -q -d "$CARRY/lib/$(basename "$TOKENIZERS")" \
  'native/lib/linux-aarch64/*' 'native/lib/osx-aarch64/*' 'native/lib/win-x86_64/*'
zip -q -d "$CARRY/lib/$(basename "$JNA")" $(unzip -Z1 "$CARRY/lib/$(basename "$JNA")" \
  | grep '^com/sun/jna/[a-z0-9-]*/' | grep -v '^com/sun/jna/\(linux-x86-64\|ptr\|win32\)/')

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
