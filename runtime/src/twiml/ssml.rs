//! SSML inside [`Say`](super::Say): pauses, emphasis, languages, paragraphs and sentences,
//! pronunciations, prosody, interpretation, substitutions and word roles, written in lower
//! case as Twilio's `<Say>` reads them (`<break/>`, `<say-as>`...).
//!
//! Text and elements alternate in the order added: `Say::new("Hello").push(Break::new())
//! .text("again")` is `<Say>Hello<break/>again</Say>`. Which element may hold which follows
//! Twilio's libraries: a paragraph holds no paragraph, a sentence or emphasis neither a
//! paragraph nor a sentence, a word none of these nor a language change nor a word
//! ([`SayChild`], [`ParagraphChild`],
//! [`SentenceChild`], [`WordChild`]).

use std::time::Duration;

use super::element::{
    Node, ParagraphChild, SayChild, SentenceChild, WordChild, attr, element, placed_in, value_enum,
};

value_enum! {
    /// How long a [`Break`] is, by strength.
    BreakStrength {
        /// No pause.
        None => "none",
        /// The shortest pause.
        XWeak => "x-weak",
        /// A short pause.
        Weak => "weak",
        /// A pause as after a comma (the default).
        Medium => "medium",
        /// A pause as after a sentence.
        Strong => "strong",
        /// A pause as after a paragraph.
        XStrong => "x-strong",
    }
}

value_enum! {
    /// How strongly [`Emphasis`] stresses its words.
    EmphasisLevel {
        /// Louder and slower.
        Strong => "strong",
        /// Less so (the default).
        Moderate => "moderate",
        /// Softer and faster.
        Reduced => "reduced",
    }
}

value_enum! {
    /// The phonetic alphabet of a [`Phoneme`]'s `ph`.
    PhonemeAlphabet {
        /// The International Phonetic Alphabet.
        Ipa => "ipa",
        /// X-SAMPA, IPA in ASCII.
        XSampa => "x-sampa",
        /// Jyutping, for Cantonese.
        XAmazonJyutping => "x-amazon-jyutping",
        /// Pinyin, for Mandarin.
        XAmazonPinyin => "x-amazon-pinyin",
        /// Katakana pronunciation, for Japanese.
        XAmazonPronKana => "x-amazon-pron-kana",
        /// Yomigana, for Japanese.
        XAmazonYomigana => "x-amazon-yomigana",
    }
}

value_enum! {
    /// How [`SayAs`] reads its words.
    InterpretAs {
        /// Letter by letter.
        Characters => "characters",
        /// Letter by letter (the same as `characters`).
        SpellOut => "spell-out",
        /// As a number (`1234`: one thousand two hundred thirty-four).
        Cardinal => "cardinal",
        /// As a number (the same as `cardinal`).
        Number => "number",
        /// As an ordinal (`3`: third).
        Ordinal => "ordinal",
        /// Digit by digit.
        Digits => "digits",
        /// As a fraction.
        Fraction => "fraction",
        /// As a measurement with its unit.
        Unit => "unit",
        /// As a date (see [`SayAs::format`]).
        Date => "date",
        /// As a time or duration.
        Time => "time",
        /// As a postal address.
        Address => "address",
        /// Bleeped.
        Expletive => "expletive",
        /// As a telephone number.
        Telephone => "telephone",
    }
}

value_enum! {
    /// The order of the parts of a date read by [`SayAs`] with [`InterpretAs::Date`].
    SayAsFormat {
        /// Month, day, year.
        Mdy => "mdy",
        /// Day, month, year.
        Dmy => "dmy",
        /// Year, month, day.
        Ymd => "ymd",
        /// Month, day.
        Md => "md",
        /// Day, month.
        Dm => "dm",
        /// Year, month.
        Ym => "ym",
        /// Month, year.
        My => "my",
        /// Day only.
        D => "d",
        /// Month only.
        M => "m",
        /// Year only.
        Y => "y",
        /// Eight digits, year, month, day.
        Yyyymmdd => "yyyymmdd",
    }
}

/// A pause length as SSML writes it: whole seconds as `2s`, anything else in milliseconds.
struct BreakTime(Duration);

impl std::fmt::Display for BreakTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.subsec_millis() == 0 && !self.0.is_zero() {
            write!(f, "{}s", self.0.as_secs())
        } else {
            write!(f, "{}ms", self.0.as_millis())
        }
    }
}

/// Declares a container's constructor, `text` and `push` (with the trait its children need).
macro_rules! container {
    ($ty:ident, $tag:literal, $child:ident) => {
        impl $ty {
            /// The element holding `words` (empty for none; add more with `push` and `text`).
            pub fn new(words: impl Into<String>) -> Self {
                let words = words.into();
                if words.is_empty() {
                    Self(Node::new($tag))
                } else {
                    Self(Node::with_text($tag, words))
                }
            }
            /// Appends text after what was added so far.
            pub fn text(mut self, words: impl Into<String>) -> Self {
                self.0.push_text(words);
                self
            }
            /// Appends an SSML element after what was added so far.
            pub fn push(mut self, child: impl $child) -> Self {
                self.0.push(child.into().0);
                self
            }
        }
    };
}

element! {
    /// `<break/>`: a pause in the speech.
    Break
}
placed_in!(Break: SayChild, ParagraphChild, SentenceChild, WordChild);

impl Break {
    /// A pause of the default strength.
    pub fn new() -> Self {
        Self(Node::new("break"))
    }
    attr!(
        /// `strength`: the pause by strength.
        strength, "strength", BreakStrength
    );
    /// `time`: the pause by length (`100ms`, `2s`).
    pub fn time(mut self, length: Duration) -> Self {
        self.0.set("time", BreakTime(length));
        self
    }
}

impl Default for Break {
    fn default() -> Self {
        Self::new()
    }
}

element! {
    /// `<emphasis>`: words spoken with more (or less) stress.
    Emphasis
}
placed_in!(Emphasis: SayChild, ParagraphChild, SentenceChild, WordChild);
container!(Emphasis, "emphasis", SentenceChild);

impl Emphasis {
    attr!(
        /// `level`: how strong the stress is.
        level, "level", EmphasisLevel
    );
}

element! {
    /// `<lang>`: words in another language than the [`Say`](super::Say)'s.
    Lang
}
placed_in!(Lang: SayChild, ParagraphChild, SentenceChild);
container!(Lang, "lang", SayChild);

impl Lang {
    attr!(
        /// `xml:lang`: the language, as a tag such as `fr-FR`.
        xml_lang, "xml:lang", into String
    );
}

element! {
    /// `<p>`: a paragraph (a longer pause after it).
    P
}
placed_in!(P: SayChild);
container!(P, "p", ParagraphChild);

element! {
    /// `<phoneme>`: words pronounced as given by phonetic symbols.
    Phoneme
}
placed_in!(Phoneme: SayChild, ParagraphChild, SentenceChild, WordChild);

impl Phoneme {
    /// The words to pronounce.
    pub fn new(words: impl Into<String>) -> Self {
        Self(Node::with_text("phoneme", words))
    }
    attr!(
        /// `alphabet`: the alphabet of `ph`.
        alphabet, "alphabet", PhonemeAlphabet
    );
    attr!(
        /// `ph`: the phonetic symbols.
        ph, "ph", into String
    );
}

element! {
    /// `<prosody>`: words at another volume, rate or pitch.
    Prosody
}
placed_in!(Prosody: SayChild, ParagraphChild, SentenceChild, WordChild);
container!(Prosody, "prosody", SayChild);

impl Prosody {
    attr!(
        /// `volume`: `silent`, `x-soft` ... `x-loud`, or relative such as `+6dB`, `-3dB`.
        volume, "volume", into String
    );
    attr!(
        /// `rate`: `x-slow` ... `x-fast`, or a percentage such as `85%`.
        rate, "rate", into String
    );
    attr!(
        /// `pitch`: `x-low` ... `x-high`, or relative such as `+5%`, `-10%`.
        pitch, "pitch", into String
    );
}

element! {
    /// `<s>`: a sentence (a pause after it).
    S
}
placed_in!(S: SayChild, ParagraphChild);
container!(S, "s", SentenceChild);

element! {
    /// `<say-as>`: words read as a kind of value (letters, digits, a date...).
    SayAs
}
placed_in!(SayAs: SayChild, ParagraphChild, SentenceChild, WordChild);

impl SayAs {
    /// The words to interpret.
    pub fn new(words: impl Into<String>) -> Self {
        Self(Node::with_text("say-as", words))
    }
    attr!(
        /// `interpret-as`: how the words are read.
        interpret_as, "interpret-as", InterpretAs
    );
    attr!(
        /// `format`: the order of a date's parts.
        format, "format", SayAsFormat
    );
}

element! {
    /// `<sub>`: words spoken as something else (an acronym expanded).
    Sub
}
placed_in!(Sub: SayChild, ParagraphChild, SentenceChild, WordChild);

impl Sub {
    /// The words written.
    pub fn new(words: impl Into<String>) -> Self {
        Self(Node::with_text("sub", words))
    }
    attr!(
        /// `alias`: what is spoken instead.
        alias, "alias", into String
    );
}

element! {
    /// `<w>`: a word whose part of speech decides its pronunciation.
    W
}
placed_in!(W: SayChild, ParagraphChild, SentenceChild);
container!(W, "w", WordChild);

impl W {
    attr!(
        /// `role`: the part of speech, such as `amazon:VB` (verb) or `amazon:NN` (noun).
        role, "role", into String
    );
}
