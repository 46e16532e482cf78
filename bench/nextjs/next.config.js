/** The same behaviour as the Rust apps: no X-Powered-By, no compression on the hot path. */
module.exports = {
  poweredByHeader: false,
  compress: false,
};
