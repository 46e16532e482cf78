//! The error type of a user's props function.

use std::fmt;

/// What a `#[get_server_side_props]` function returns on failure: any error, with `?`.
///
/// Like `anyhow::Error` (which it wraps), it converts from every
/// `std::error::Error + Send + Sync + 'static`, and therefore does not implement
/// `std::error::Error` itself. The request that hit it gets a 500 page; the message reaches
/// the browser only in dev mode.
pub struct Error(anyhow::Error);

impl Error {
    /// An error from a plain message: `Error::msg("post has no author")`.
    pub fn msg<M>(message: M) -> Self
    where
        M: fmt::Display + fmt::Debug + Send + Sync + 'static,
    {
        Error(anyhow::Error::msg(message))
    }

    /// Adds context around the error, shown before it: `"loading post 7: not found"`.
    pub fn context<C>(self, context: C) -> Self
    where
        C: fmt::Display + Send + Sync + 'static,
    {
        Error(self.0.context(context))
    }

    /// The underlying error, for logging or downcasting.
    pub fn as_std(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self.0.as_ref()
    }
}

impl<E> From<E> for Error
where
    E: std::error::Error + Send + Sync + 'static,
{
    fn from(error: E) -> Self {
        Error(anyhow::Error::new(error))
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Error {
    /// The message with its causes: `outer: inner: root`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(input: &str) -> Result<u64, Error> {
        Ok(input.parse::<u64>()?)
    }

    #[test]
    fn question_mark_converts_std_errors() {
        let err = parse("x").unwrap_err();
        assert_eq!(err.to_string(), "invalid digit found in string");
        let err = err.context("reading the post id");
        assert_eq!(
            err.to_string(),
            "reading the post id: invalid digit found in string"
        );
    }
}
