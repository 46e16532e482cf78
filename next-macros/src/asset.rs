//! `asset!("/styles/site.css")`: the content-hashed URL of a file under `public/`, read at
//! compile time. A missing file is a compile error at the path; an edited one changes the
//! URL, and the `include_bytes!` in the expansion makes the compiler rebuild the crate when
//! the file's bytes change.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

use next_conventions::public::{
    self, hashed_url, href, is_contained, Unresolved, BASE_PATH_ENV, PUBLIC_DIR,
};

pub fn expand(input: TokenStream) -> TokenStream {
    match parse(input).and_then(|path| resolve(&path)) {
        Ok(asset) => {
            // Under the app's base path, which its build script sets for this compilation.
            let base_path = std::env::var(BASE_PATH_ENV).unwrap_or_default();
            let (file, url) = (
                asset.file.to_string_lossy(),
                format!("{base_path}{}", asset.url),
            );
            quote! {
                {
                    const _: &[u8] = include_bytes!(#file);
                    #url
                }
            }
        }
        Err(error) => error.to_compile_error(),
    }
}

/// The path literal, checked for shape before any file is looked for.
fn parse(input: TokenStream) -> syn::Result<LitStr> {
    let path: LitStr = syn::parse2(input).map_err(|error| {
        syn::Error::new(
            error.span(),
            "asset! takes the path of a file under public/, as a string: `asset!(\"/styles/site.css\")`",
        )
    })?;
    let value = path.value();
    if !value.starts_with('/') {
        return Err(syn::Error::new(
            path.span(),
            format!("asset paths start with `/`, as the file's URL does: `asset!(\"/{value}\")` names public/{value}"),
        ));
    }
    if !is_contained(&value) {
        return Err(syn::Error::new(
            path.span(),
            format!("`{value}` cannot name a file under public/: an asset path has no empty, `.` or `..` segment and no backslash"),
        ));
    }
    Ok(path)
}

/// A found asset: the file to track and the URL to serve it at.
struct Asset {
    file: PathBuf,
    url: String,
}

fn resolve(path: &LitStr) -> syn::Result<Asset> {
    let value = path.value();
    let shown = public::shown(&value);
    let error = |message: String| syn::Error::new(path.span(), message);
    let Some(root) = crate_root() else {
        return Err(error(
            "asset! cannot tell which crate it is in (CARGO_MANIFEST_DIR is not set): build with cargo".to_owned(),
        ));
    };
    let file = match public::resolve(&root.join(PUBLIC_DIR), &value) {
        Ok(file) => file,
        Err(Unresolved::Missing) => return Err(error(format!(
            "{shown} does not exist: asset! names a file under public/ (beside src/). Add the file, or fix the path"
        ))),
        Err(Unresolved::Outside) => return Err(error(format!(
            "{shown} leads outside public/ through a symbolic link: only files inside public/ are served"
        ))),
    };
    if !file.is_file() {
        return Err(error(format!(
            "{shown} is a folder: asset! names one file under public/, such as `asset!(\"{value}/site.css\")`"
        )));
    }
    let bytes = std::fs::read(&file)
        .map_err(|err| error(format!("{shown} cannot be read as a file: {err}")))?;
    Ok(Asset {
        url: href(&hashed_url(&value, &bytes)),
        file,
    })
}

/// The crate the macro is used in: the nearest folder with a `Cargo.toml` above the file
/// the compiler is reading (which is also right when the file is compiled as part of
/// another package, as the compile-fail tests do), else `CARGO_MANIFEST_DIR`.
fn crate_root() -> Option<PathBuf> {
    let from_file = proc_macro::Span::call_site()
        .local_file()
        .and_then(|file| file.canonicalize().ok())
        .and_then(|file| {
            file.ancestors()
                .skip(1)
                .find(|dir| dir.join("Cargo.toml").is_file())
                .map(Path::to_path_buf)
        });
    from_file.or_else(|| std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from))
}
