# Installed by the Mobius deb as /etc/apparmor.d/${executable} (Ubuntu 23.10 and later).
# Those releases let only programs with an AppArmor profile create unprivileged user
# namespaces, which Chromium's sandbox inside Electron needs; without this profile the
# app aborts at launch. The profile grants exactly that ("userns") to the Mobius binary
# and confines nothing else (flags=(unconfined)), as Ubuntu's own browser profiles do.
abi <abi/4.0>,
include <tunables/global>

profile "${executable}" "/opt/${sanitizedProductName}/${executable}" flags=(unconfined) {
  userns,

  # Site-specific additions and overrides. See local/README for details.
  include if exists <local/${executable}>
}
