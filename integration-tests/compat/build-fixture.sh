#!/usr/bin/env bash
# Rebuilds integration-tests/src/test/resources/compat/partner-extension-on-api-1.0.0.jar: the example partner bundle
# compiled against tenure.api as it was at its first version (every package 1.0.0, tag api-1.0.0 = commit 72a31f3).
# PartnerExtensionIT installs it into the current runtime: the compatibility promise of docs/partner-sdk.md says a
# bundle built against API 1.x keeps working on every 1.x runtime. Run from the repository root; needs git and Maven.
set -euo pipefail
base=${1:-api-1.0.0}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add -q "$work/src" "$base"
(cd "$work/src" && mvn -B -q -pl bundles/tenure.api package -DskipTests)
mvn -B -q install:install-file -Dfile="$work/src/bundles/tenure.api/target/tenure.api-0.1.0-SNAPSHOT.jar" \
    -DgroupId=io.tenure -DartifactId=tenure.api -Dversion=1.0.0 -Dpackaging=jar
(cd "$work/src" && mvn -B -q -f examples/partner-extension/pom.xml package -Dtenure.api.version=1.0.0)
cp "$work/src/examples/partner-extension/target/partner-extension-1.0.0.jar" \
    integration-tests/src/test/resources/compat/partner-extension-on-api-1.0.0.jar
echo "rebuilt integration-tests/src/test/resources/compat/partner-extension-on-api-1.0.0.jar from $base"
