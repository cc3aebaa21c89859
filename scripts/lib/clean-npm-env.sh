# Sourced by scripts that run npm inside `npm test` / `npm start`. The outer npm exports its own
# configuration as npm_config_* variables (npm_config_user_agent names the outer Node version) plus
# lifecycle variables; a nested npm would take them as its own configuration. Drop them all so a
# nested install behaves exactly like one typed into a fresh shell (it still reads the .npmrc files).
clean_npm_env() {
  local v
  for v in $(compgen -e); do
    case "$v" in
      npm_config_*|NPM_CONFIG_*|npm_lifecycle_*|npm_package_*|npm_execpath|npm_node_execpath|npm_command|INIT_CWD)
        unset "$v" ;;
    esac
  done
  # The one setting passed on on purpose: .ci/run points npm's download cache at an empty folder.
  if [ -n "${SES_TOOLKIT_NPM_CACHE:-}" ]; then export npm_config_cache="$SES_TOOLKIT_NPM_CACHE"; fi
}
