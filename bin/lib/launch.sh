# Shared by the bin/ scripts: where things are, building once from a fresh clone, and the Java command lines.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${WORK:-$ROOT/work}"
# Tesseract's OpenMP threads fight the parse threads for the cores: one OCR page takes seconds with one thread per
# process, and many times longer with a thread per core in every process (the processes inherit this variable)
export OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}"
DEPLOY_CP_FILE="$ROOT/deploy/target/broker.classpath"
JOB_CP_FILE="$ROOT/extraction-job/target/job.classpath"

# Flink on Java 17 reflects into these JDK packages (the same list Flink's own launch scripts open)
JAVA_OPENS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

ensure_built() {
  if [[ ! -f "$DEPLOY_CP_FILE" || ! -f "$JOB_CP_FILE" || ! -d "$ROOT/extraction-job/target/classes/dev" ]]; then
    echo "building the project once (mvn -B -q install -DskipTests) ..." >&2
    (cd "$ROOT" && mvn -B -q install -DskipTests)
  fi
}

job_classpath() {
  echo "$ROOT/extraction-job/target/classes:$(cat "$JOB_CP_FILE")"
}

broker_classpath() {
  echo "$ROOT/deploy/target/classes:$(cat "$DEPLOY_CP_FILE")"
}

# Runs a main class of the extraction job with the job's class path.
run_job_main() {
  local main="$1"
  shift
  java "${JAVA_OPENS[@]}" -Xmx${JOB_HEAP:-2g} -Dai.djl.offline=true -cp "$(job_classpath)" "$main" "$@"
}

# The model package to run: the trained one when it is there, else the development package.
default_model_package() {
  if [[ -f "$ROOT/model-serving/models/manifest-mini/model.json" ]]; then
    echo "$ROOT/model-serving/models/manifest-mini"
  elif [[ -f "$ROOT/model-serving/models/dev/manifest-mini-dev/model.json" ]]; then
    echo "$ROOT/model-serving/models/dev/manifest-mini-dev"
  else
    echo "no model package: neither model-serving/models/manifest-mini nor model-serving/models/dev/manifest-mini-dev has a model.json" >&2
    return 1
  fi
}
