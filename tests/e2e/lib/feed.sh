# Sourced by the e2e scripts that play a user of the packages (not run on its own: .ci/run runs only tests/e2e/*.sh).
# Needs: fail (prints and exits 1).

# pack_packages FEED LOG REPO [PROJECT...] [-- MSBUILD-ARGS...]: packs the given projects of REPO (default: Pipelines.Sdk,
# Pipelines.Cli and Pipelines.Templates) into FEED, appending the output to LOG; prints it and fails on an error.
pack_packages() {
    local feed="$1" log="$2" from="$3"
    shift 3
    local projects=() args=()
    while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do projects+=("$1"); shift; done
    [ "$#" -gt 0 ] && shift
    args=("$@")
    [ "${#projects[@]}" -gt 0 ] || projects=(Pipelines.Sdk Pipelines.Cli Pipelines.Templates)
    local project
    for project in "${projects[@]}"; do
        dotnet pack "$from/src/$project/$project.csproj" -o "$feed" -nr:false -v:q "${args[@]}" >>"$log" 2>&1 \
            || { cat "$log"; fail "dotnet pack $project (in $from)"; }
    done
}

# feed_sources FEED: the <add> lines of a NuGet.config: the feed, nuget.org, and the machine's offline folder of test
# packages when there is one.
feed_sources() {
    echo "    <add key=\"local\" value=\"$1\" />"
    echo '    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />'
    [ -d /opt/nuget/packages ] && echo '    <add key="offline" value="/opt/nuget/packages" />'
    return 0
}

# write_nuget_config FILE FEED: a NuGet.config that uses only the sources of feed_sources.
write_nuget_config() {
    {
        echo '<?xml version="1.0" encoding="utf-8"?>'
        echo '<configuration>'
        echo '  <packageSources>'
        echo '    <clear />'
        feed_sources "$2"
        echo '  </packageSources>'
        echo '</configuration>'
    } >"$1"
}

# package_version NUPKG-FOLDER ID: the version of the (one) ID.*.nupkg in the folder, from its file name.
package_version() {
    local file
    file="$(cd "$1" && ls "$2".[0-9]*.nupkg 2>/dev/null | sort -V | tail -n 1)"
    [ -n "$file" ] || fail "no $2.*.nupkg in $1"
    file="${file#"$2".}"
    echo "${file%.nupkg}"
}
