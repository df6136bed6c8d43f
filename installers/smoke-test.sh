#!/usr/bin/env bash
# Smoke test of the Linux app image, as a user without a JDK would run it:
#   builds it (mvn -Pinstaller, app image only; --after-verify: from the jars mvn verify left in app/target) unless
#   given --no-build or an image folder, then runs its launcher
#   with an empty environment (env -i, PATH=/usr/bin:/bin), a fresh home folder (so DJL extracts the bundled
#   libtorch and tokenizers natives there, offline) and, where the kernel lets us (root: unshare -m), every system
#   JDK hidden under an empty /usr/lib/jvm. Checks exit codes and output of --version (with
#   WORKBENCH_REQUIRE_LLAMACPP set, as in CI: that it names the bundled llama.cpp), demo-model DIR,
#   generate --json, and a bad --model (exit 2, one line).
# Usage: installers/smoke-test.sh [--after-verify | --no-build | IMAGE_DIR]   (.ci/run: --after-verify)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGE="$ROOT/installers/target/image/qwen-workbench"

if [ "${SMOKE_JDK_HIDDEN:-}" != 1 ]; then
  case "${1:-}" in
    --no-build) ;;
    --after-verify) # mvn verify has just built app/target: make the image from it without a second Maven run
        echo "smoke-test: building the app image (java installers/BuildInstallers.java --types app-image)"
        (cd "$ROOT" && java installers/BuildInstallers.java --root . --types app-image \
           --version "$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)") ;;
    "") echo "smoke-test: building the app image (mvn -B -q -Pinstaller -Dinstaller.types=app-image -DskipTests package)"
        (cd "$ROOT" && mvn -B -q -Pinstaller -Dinstaller.types=app-image -DskipTests package) ;;
    *) IMAGE="$(cd "$1" && pwd)" ;;
  esac
  # Re-run this script in a private mount namespace with /usr/lib/jvm hidden, where that is allowed.
  EMPTY="$ROOT/installers/target/empty-jvm"
  mkdir -p "$EMPTY"
  if unshare -m true 2>/dev/null; then
    SMOKE_JDK_HIDDEN=1 exec unshare -m bash -c 'if [ -d /usr/lib/jvm ]; then mount --bind "$1" /usr/lib/jvm; fi; shift; exec "$@"' \
      _ "$EMPTY" bash "${BASH_SOURCE[0]}" "$IMAGE"
  fi
  echo "smoke-test: cannot hide the system JDK here (no unshare -m); running with PATH=/usr/bin:/bin only"
  SMOKE_JDK_HIDDEN=0
else
  IMAGE="$1"
fi

LAUNCHER="$IMAGE/bin/qwen-workbench"
VERSION="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
HOME_DIR="$WORK/home"
mkdir -p "$HOME_DIR"
passed=0
failed=0

# The launcher with nothing from this shell: no JAVA_HOME, no DJL_OFFLINE, PATH without any JDK of its own.
# user.home is passed as a JVM option because Java takes it from the password database, not from $HOME.
run() {
  env -i HOME="$HOME_DIR" PATH=/usr/bin:/bin LANG=C.UTF-8 JAVA_TOOL_OPTIONS="-Duser.home=$HOME_DIR" \
    ${GGML_VK_VISIBLE_DEVICES:+GGML_VK_VISIBLE_DEVICES=$GGML_VK_VISIBLE_DEVICES} "$LAUNCHER" "$@"
}

check() { # name, condition (a command)
  local name="$1"; shift
  if "$@"; then
    echo "smoke-test: ok   $name"; passed=$((passed + 1))
  else
    echo "smoke-test: FAIL $name"; failed=$((failed + 1))
  fi
}

[ -x "$LAUNCHER" ] || { echo "smoke-test: no launcher at $LAUNCHER" >&2; exit 1; }
if [ "$SMOKE_JDK_HIDDEN" = 1 ]; then
  check "no JDK visible (/usr/lib/jvm is empty, no java on the PATH)" \
    bash -c '[ -z "$(ls -A /usr/lib/jvm)" ] && ! env -i PATH=/usr/bin:/bin java -version 2>/dev/null'
fi

set +e
out="$(run --version 2>"$WORK/err")"; rc=$?
set -e
check "--version exits 0 and names version $VERSION and the bundled runtime" \
  bash -c '[ "$1" = 0 ] && grep -qx "Qwen Workbench $2" <<<"$3" && grep -q "($4/lib/runtime)" <<<"$3"' \
  _ "$rc" "$VERSION" "$out" "$IMAGE"
if [ -n "${WORKBENCH_REQUIRE_LLAMACPP:-}" ]; then # CI: the image must carry llama.cpp for this platform
  check "--version names the bundled llama.cpp for this platform (the GGUF engine)" \
    bash -c 'grep -q "^GGUF engine: llama.cpp v" <<<"$1" && ! grep -q "NOT for this platform" <<<"$1"' _ "$out"
  if [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
    # the image carries the Vulkan set and still runs without a GPU (above: this machine has none)
    check "--version names the bundled Vulkan set" \
      bash -c 'grep -q "^GGUF GPU backends: vulkan (@node-llama-cpp/linux-x64-vulkan@" <<<"$1"' _ "$out"
    if ls /usr/share/vulkan/icd.d/lvp_icd*.json >/dev/null 2>&1; then
      # lavapipe made visible: the probe's child JVM (the image's own bin/java) loads the Vulkan set from the jar
      set +e
      vout="$(GGML_VK_VISIBLE_DEVICES=0 run --version 2>"$WORK/err")"; rc=$?
      set -e
      check "with lavapipe visible the image's Vulkan set sees it (GPU probe in a child JVM)" \
        bash -c '[ "$1" = 0 ] && grep -q "^GGUF GPU backends: vulkan .*GPUs: Vulkan0 (llvmpipe" <<<"$2"' _ "$rc" "$vout"
    fi
  fi
fi

set +e
run demo-model "$WORK/demo" >"$WORK/out" 2>"$WORK/err"; rc=$?
set -e
check "demo-model DIR exits 0 and writes the model" \
  bash -c '[ "$1" = 0 ] && [ -s "$2/config.json" ] && [ -s "$2/model.safetensors" ] && [ -s "$2/tokenizer.json" ]' \
  _ "$rc" "$WORK/demo"

set +e
run generate --model "$WORK/demo" --prompt "写一个快速排序" --max-tokens 8 --greedy --json >"$WORK/out" 2>"$WORK/err"; rc=$?
set -e
check "generate --json exits 0 with 8 tokens, offline, libtorch extracted into the fresh home" \
  bash -c '[ "$1" = 0 ] && grep -q "\"generated_tokens\":8" "$2" && grep -q "\"finish_reason\":\"max_tokens\"" "$2" \
           && ls "$3"/.djl.ai/pytorch/*/libtorch_cpu.so >/dev/null' _ "$rc" "$WORK/out" "$HOME_DIR"
[ "$rc" = 0 ] || { echo "--- generate's stderr:"; cat "$WORK/err"; }

set +e
run generate --model "$WORK/no-such-model" --prompt hi >"$WORK/out" 2>"$WORK/err"; rc=$?
set -e
check "generate on a missing model exits 2 with one line naming it" \
  bash -c '[ "$1" = 2 ] && [ "$(grep -vc "^Picked up JAVA_TOOL_OPTIONS" "$2")" = 1 ] && grep -q "no-such-model" "$2"' \
  _ "$rc" "$WORK/err"

echo "smoke-test: $passed passed, $failed failed"
[ "$failed" = 0 ]
