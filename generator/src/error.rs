//! Errors and warnings. Every error about the input names the place in the spec as a JSON pointer.

use std::path::PathBuf;

/// Why a run failed. A failed run writes nothing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The document is not what the generator can turn into a client.
    #[error("{pointer}: {message}")]
    Spec {
        /// JSON pointer (RFC 6901, `#`-prefixed) to the offending place.
        pointer: String,
        /// What is wrong there.
        message: String,
    },
    /// An overlay could not be read or applied, or it made the document invalid.
    #[error("overlay {overlay}: {pointer}: {message}")]
    Overlay {
        /// The overlay's label (its file as given).
        overlay: String,
        /// JSON pointer into the overlay (`#/actions/2`) of the failing part.
        pointer: String,
        /// What is wrong, with the place in the document when the result does not read.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Emitted code did not parse (a generator bug, reported instead of writing broken code).
    #[error("internal error: emitted code for `{file}` does not parse: {message}")]
    Emit {
        /// The output file.
        file: String,
        /// The parser's message.
        message: String,
    },
}

impl Error {
    /// An error about the spec at `pointer`.
    pub fn spec(pointer: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Spec {
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The JSON pointer of a spec error.
    pub fn pointer(&self) -> Option<&str> {
        match self {
            Error::Spec { pointer, .. } | Error::Overlay { pointer, .. } => Some(pointer),
            _ => None,
        }
    }
}

/// A construct the generator passed over (skipped or simplified), with where and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Warning {
    /// JSON pointer to the construct.
    pub pointer: String,
    /// What was done with it.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}

/// Builds JSON pointers (RFC 6901) into the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointer(String);

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Pointer {
        Pointer("#".to_owned())
    }

    /// This pointer with one more reference token, escaped (`~` → `~0`, `/` → `~1`).
    pub fn push(&self, token: impl Token) -> Pointer {
        let mut out = String::with_capacity(self.0.len() + 1 + token.len_hint());
        out.push_str(&self.0);
        out.push('/');
        token.write_escaped(&mut out);
        Pointer(out)
    }

    /// The pointer text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Pointer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What [`Pointer::push`] takes as a reference token: text (escaped as RFC 6901 says: `~` as
/// `~0`, `/` as `~1`) or an index. Written straight into the pointer, without `fmt`: lowering
/// builds a pointer for every place it visits.
pub trait Token {
    /// Appends the token to `out`, escaped.
    fn write_escaped(&self, out: &mut String);

    /// About how many bytes it takes (for the allocation).
    fn len_hint(&self) -> usize {
        8
    }
}

impl Token for str {
    fn write_escaped(&self, out: &mut String) {
        // `~` and `/` are ASCII: the text between them is whole characters.
        let bytes = self.as_bytes();
        let mut start = 0;
        for (at, byte) in bytes.iter().enumerate() {
            let escaped = match byte {
                b'~' => "~0",
                b'/' => "~1",
                _ => continue,
            };
            out.push_str(self.get(start..at).unwrap_or_default());
            out.push_str(escaped);
            start = at + 1;
        }
        out.push_str(self.get(start..).unwrap_or_default());
    }

    fn len_hint(&self) -> usize {
        self.len()
    }
}

impl Token for String {
    fn write_escaped(&self, out: &mut String) {
        self.as_str().write_escaped(out);
    }

    fn len_hint(&self) -> usize {
        self.len()
    }
}

impl Token for usize {
    fn write_escaped(&self, out: &mut String) {
        use std::fmt::Write as _;
        let _ = write!(out, "{self}");
    }
}

impl<T: Token + ?Sized> Token for &T {
    fn write_escaped(&self, out: &mut String) {
        (**self).write_escaped(out);
    }

    fn len_hint(&self) -> usize {
        (**self).len_hint()
    }
}

impl From<Pointer> for String {
    fn from(p: Pointer) -> String {
        p.0
    }
}

impl From<&Pointer> for String {
    fn from(p: &Pointer) -> String {
        p.0.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token is escaped as RFC 6901 says (`~` first, then `/`), whatever it holds.
    #[test]
    fn pushed_tokens_are_escaped() {
        for token in [
            "",
            "a",
            "/",
            "~",
            "~/",
            "/~",
            "~1",
            "~0/x~",
            "/2010-04-01/{Sid}.json",
            "é/ü~",
        ] {
            let expected = format!("#/{}", token.replace('~', "~0").replace('/', "~1"));
            assert_eq!(Pointer::root().push(token).as_str(), expected, "{token}");
        }
        assert_eq!(Pointer::root().push("a").push(3).as_str(), "#/a/3");
        let owned = "x/y".to_owned();
        assert_eq!(
            Pointer::root().push(&owned).push(owned.clone()).as_str(),
            "#/x~1y/x~1y"
        );
    }
}
