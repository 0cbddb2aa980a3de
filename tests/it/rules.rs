//! Every rule against fixtures that must trigger it (at exactly these lines) and tricky ones
//! that must not.

use translint::config::Settings;

/// (fixture, rule, 1-based lines where the rule must report — and nowhere else).
const CASES: &[(&str, &str, &[usize])] = &[
    (
        "rules/length-ratio-outlier.bad.txt",
        "length-ratio-outlier",
        &[3, 7],
    ),
    (
        "rules/length-ratio-outlier.good.txt",
        "length-ratio-outlier",
        &[],
    ),
    // A sentence's translation that stops on a comma, a clause short (δ between −1 and −2): cut.
    // A short line that ends on a comma is free rendering; a call to like and follow that has
    // its English is dialogue, not app text.
    (
        "rules/length-ratio-outlier-clause-cut.bad.txt",
        "length-ratio-outlier",
        &[5],
    ),
    (
        "rules/length-ratio-outlier-clause-cut.good.txt",
        "length-ratio-outlier",
        &[],
    ),
    (
        "rules/length-ratio-outlier-clause-cut.good.txt",
        "stray-line",
        &[],
    ),
    // A sentence carried over two cues with its Chinese reordered (one cue short, the next long,
    // together as long as they should be) is reflow; a cut cue beside a cue of its own is not.
    (
        "rules/length-ratio-outlier-reflow.good.srt",
        "length-ratio-outlier",
        &[],
    ),
    (
        "rules/length-ratio-outlier-reflow.bad.srt",
        "length-ratio-outlier",
        &[63],
    ),
    // Sound tags are worded as briefly as a subtitler likes, on either side.
    (
        "rules/length-ratio-outlier-sound-tag.good.txt",
        "length-ratio-outlier",
        &[],
    ),
    ("rules/crossed-pair.bad.txt", "crossed-pair", &[3]),
    ("rules/crossed-pair.good.txt", "crossed-pair", &[]),
    // A question the English reports ("asked why…", "wondered why…") and the Chinese reports
    // with 问 or 想知道 may end with a question mark in Chinese.
    (
        "rules/terminal-punctuation-mismatch-reported.good.txt",
        "terminal-punctuation-mismatch",
        &[],
    ),
    // Only the speaker labels tell: each Chinese line opens with the other speaker's label.
    // One wrong label alone (good file) is no crossing.
    ("rules/crossed-pair-speakers.bad.txt", "crossed-pair", &[10]),
    ("rules/crossed-pair-speakers.good.txt", "crossed-pair", &[]),
    // Numbers that moved with the crossing prove it although the concise line is a little
    // short for its own original (δ −3.6): the crossed pairings fit better than the given ones.
    (
        "rules/crossed-pair-concise-numbers.bad.txt",
        "crossed-pair",
        &[19],
    ),
    (
        "rules/crossed-pair-concise-numbers.good.txt",
        "crossed-pair",
        &[],
    ),
    // A comma glued between two words with Chinese around them lost its width (NFKC); not in
    // numbers, code or coordinates.
    (
        "rules/halfwidth-punctuation-glued.bad.txt",
        "halfwidth-punctuation",
        &[1, 3, 5],
    ),
    (
        "rules/halfwidth-punctuation-glued.good.txt",
        "halfwidth-punctuation",
        &[],
    ),
    // A small word inside a title-case name the original writes alike ("Check for Updates").
    (
        "rules/untranslated-fragment-ui-names.good.txt",
        "untranslated-fragment",
        &[],
    ),
    (
        "rules/untranslated-fragment-ui-names.bad.txt",
        "untranslated-fragment",
        &[1, 3],
    ),
    // Only the sentence types tell: a question and a statement, each translated as the other.
    // One rhetorical question alone (good file) is no crossing.
    ("rules/crossed-pair-questions.bad.txt", "crossed-pair", &[5]),
    ("rules/crossed-pair-questions.good.txt", "crossed-pair", &[]),
    // A trailing space on the first line of a cue's side, not only on its last.
    ("rules/whitespace-cue-lines.bad.srt", "whitespace", &[4, 5]),
    // Reported, but without the swap: see `fix_rules`.
    (
        "rules/crossed-pair-mid-sentence.bad.txt",
        "crossed-pair",
        &[71],
    ),
    // Similar lengths, no numbers or names: only the word lexicon sees this crossing.
    ("rules/crossed-pair-words.bad.txt", "crossed-pair", &[3]),
    ("rules/crossed-pair-words.good.txt", "crossed-pair", &[]),
    ("rules/crossed-pair-rows.bad.tsv", "crossed-pair", &[3]),
    (
        "rules/untranslated-fragment-language.bad.txt",
        "untranslated-fragment",
        // 3: the language names the words (英文里…叫), so they are discussed, not left.
        &[1, 5],
    ),
    // A capitalised interjection opens a sentence; it is no name ("Oh", "Sorry", "Actually").
    (
        "rules/untranslated-fragment-interjection.bad.txt",
        "untranslated-fragment",
        &[1, 3, 5, 7],
    ),
    // Words informal Chinese keeps (Hi, OK), a brand, and interjections used as names.
    (
        "rules/untranslated-fragment-interjection.good.txt",
        "untranslated-fragment",
        &[],
    ),
    // Months and seconds counted in years and minutes, and a count and a half (一岁半).
    (
        "rules/number-mismatch-half-units.good.txt",
        "number-mismatch",
        &[],
    ),
    (
        "rules/number-mismatch-half-units.bad.txt",
        "number-mismatch",
        &[1, 3],
    ),
    // Shares of a few parts ("nine in ten" = 九成) and anniversaries (centenary = 一百周年).
    (
        "rules/number-mismatch-shares.good.txt",
        "number-mismatch",
        &[],
    ),
    (
        "rules/number-mismatch-shares.bad.txt",
        "number-mismatch",
        &[1, 3],
    ),
    // A scraped timestamp alone in a row is no line that lost its translation.
    (
        "rules/stray-line-timestamp-row.bad.tsv",
        "stray-line",
        &[3, 5],
    ),
    (
        "rules/stray-line-timestamp-row.bad.tsv",
        "missing-translation",
        &[],
    ),
    // A metric value added in brackets is the translator's note; one outside them is not. Miles
    // converted to kilometres are the same number (40 miles an hour = 每小时约64公里).
    (
        "rules/number-mismatch-conversion.good.txt",
        "number-mismatch",
        &[],
    ),
    (
        "rules/number-mismatch-conversion.bad.txt",
        "number-mismatch",
        &[1, 3, 5],
    ),
    // The same value in feet and in 米 is a unit error; converted, or in 英尺, it agrees.
    (
        "rules/number-mismatch-unit-systems.good.txt",
        "number-mismatch",
        &[],
    ),
    (
        "rules/number-mismatch-unit-systems.bad.txt",
        "number-mismatch",
        &[1, 3, 5, 7, 9],
    ),
    // Measures of aviation, markets and kitchens: nautical miles (海里, a pilot's "miles"),
    // ounces in grams, 百帕 (hPa), 一斤 for 500 grams, "a dollar thirty", 凌晨一点 and 一点到五点
    // as hours, "V2 152" (a name's digit, not 2,152), and digits said one by one ("heading zero
    // nine zero", "one one eight decimal seven", and "five-four-three" against 5-4-3); 立方米
    // is a unit, no power set against "per second"; 八五折 is "15 percent off"; noon and midnight
    // are no counts to set against 第二天; "three eight-hour shifts" is no 38; ppm stays in
    // Latin letters.
    (
        "rules/number-mismatch-measures.good.txt",
        "number-mismatch",
        &[],
    ),
    (
        "rules/number-mismatch-measures.good.txt",
        "untranslated-fragment",
        &[],
    ),
    (
        "rules/number-mismatch-measures.bad.txt",
        "number-mismatch",
        &[1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25],
    ),
    // A conversion the translator adds in brackets is not measured; a line too long without
    // it still is.
    (
        "rules/length-ratio-outlier-conversion-note.good.txt",
        "length-ratio-outlier",
        &[],
    ),
    (
        "rules/length-ratio-outlier-conversion-note.bad.txt",
        "length-ratio-outlier",
        &[7],
    ),
    // A price spelled out is measured as its digits, and this translation is still too short.
    (
        "rules/length-ratio-outlier-spelled-numbers.bad.txt",
        "length-ratio-outlier",
        &[7],
    ),
    ("rules/crossed-pair-lost-line.bad.txt", "crossed-pair", &[4]),
    (
        "rules/crossed-pair-moved-numbers.bad.txt",
        "crossed-pair",
        &[3],
    ),
    // Lengths alone favour crossing two pairs whose first Chinese line runs on into the next
    // sentence: a split at the wrong place, not a crossing.
    (
        "rules/split-sentence-not-crossed.bad.txt",
        "split-sentence",
        &[4],
    ),
    (
        "rules/split-sentence-not-crossed.bad.txt",
        "crossed-pair",
        &[],
    ),
    // Beside a line with no partner the search's region explains the crossing away; the words
    // (and numbers) of the two pairs still prove it.
    (
        "rules/crossed-pair-beside-orphan.bad.txt",
        "crossed-pair",
        &[20],
    ),
    (
        "rules/crossed-pair-beside-orphan.good.txt",
        "crossed-pair",
        &[],
    ),
    (
        "rules/crossed-pair-beside-orphan.good.txt",
        "number-mismatch",
        &[],
    ),
    // Two sentences ending in the same clause: the words match either way, the numbers cross.
    // The second crossing's sentences end in the very same clause: the words prefer neither
    // pairing, and the anchor scores of both saturate.
    (
        "rules/crossed-pair-numbers.bad.txt",
        "crossed-pair",
        &[5, 13],
    ),
    // …and the crossing explains the numbers: they are not reported again.
    ("rules/crossed-pair-numbers.bad.txt", "number-mismatch", &[]),
    // A sound tag without its translation is a line that lost its partner, not app text
    // ("[Applause]" holds no "App").
    // A row whose tab became spaces: reported, and read as its two columns (the spaces are no
    // cell's, and its English is no fragment of a Chinese line). Double spaces inside a cell,
    // or a Chinese row without English, are not a tab.
    // A tab turned into spaces, before a Chinese cell that opens with a Latin speaker label
    // (line 5, "Lin：车站见。") as before one that opens with Han (line 2).
    // A tab inside the English moved the Chinese to a third cell: read as the English (first
    // two cells) and the Chinese, not as an untranslated line.
    (
        "rules/table-syntax-tab-in-english.bad.tsv",
        "table-syntax",
        &[2],
    ),
    ("rules/table-syntax-spaces.bad.tsv", "table-syntax", &[2, 5]),
    ("rules/table-syntax-spaces.bad.tsv", "whitespace", &[3, 4]),
    (
        "rules/table-syntax-spaces.bad.tsv",
        "untranslated-fragment",
        &[],
    ),
    (
        "rules/table-syntax-spaces.bad.tsv",
        "missing-translation",
        &[4],
    ),
    ("rules/stray-line-sound-tag.good.txt", "stray-line", &[]),
    // A course's lecture or lesson label (第5讲：, 第3课：) is a header like an episode's; "第3课"
    // inside a sentence is not.
    ("rules/stray-line-lecture.bad.txt", "stray-line", &[1, 4]),
    // A call to like and follow with no English and no sentence end, mid-file: app text.
    (
        "rules/stray-line-like-and-follow.bad.txt",
        "stray-line",
        &[5],
    ),
    // A player's button with no partner.
    ("rules/stray-line-player-button.bad.txt", "stray-line", &[3]),
    // An episode label after the show's title, or ending a line that names the show.
    ("rules/stray-line-episode.bad.txt", "stray-line", &[1]),
    ("rules/stray-line-episode.bad.srt", "stray-line", &[3]),
    ("rules/stray-line-show-title.bad.txt", "stray-line", &[1]),
    (
        "rules/stray-line-sound-tag.good.txt",
        "missing-translation",
        &[3],
    ),
    // A language lesson: Chinese lines that cite an English word in quotes, and English lines
    // that cite a Chinese word, each on its own side.
    (
        "rules/untranslated-line-language-lesson.good.vtt",
        "missing-translation",
        &[],
    ),
    (
        "rules/untranslated-line-language-lesson.good.vtt",
        "untranslated-fragment",
        &[],
    ),
    (
        "rules/untranslated-line-language-lesson.good.vtt",
        "line-length",
        &[],
    ),
    (
        "rules/untranslated-line-language-lesson.good.vtt",
        "length-ratio-outlier",
        &[],
    ),
    // Small numbers, each too common to prove anything, that all match crossed and not as given.
    (
        "rules/crossed-pair-small-numbers.bad.srt",
        "crossed-pair",
        &[8],
    ),
    (
        "rules/crossed-pair-small-numbers.good.srt",
        "crossed-pair",
        &[],
    ),
    // Numbers wrong in two adjacent pairs without crossing (one coincides): not a crossing.
    ("rules/crossed-pair-numbers.good.txt", "crossed-pair", &[]),
    (
        "rules/crossed-pair-numbers.good.txt",
        "number-mismatch",
        &[13, 15],
    ),
    // The only number of four lines moved with the crossing ("down 2.4%" beside a line
    // without one, its 跌了2.4% one line up): a crossing, not two number mismatches.
    (
        "rules/crossed-pair-one-number.bad.txt",
        "crossed-pair",
        &[7],
    ),
    (
        "rules/crossed-pair-one-number.bad.txt",
        "number-mismatch",
        &[],
    ),
    // A mistyped number beside a line on one topic is the number's error.
    (
        "rules/crossed-pair-number-typo.good.txt",
        "crossed-pair",
        &[],
    ),
    (
        "rules/crossed-pair-number-typo.good.txt",
        "number-mismatch",
        &[5],
    ),
    ("rules/alignment-shift.bad.txt", "alignment-shift", &[7]),
    ("rules/alignment-shift.good.txt", "alignment-shift", &[]),
    // Neighbouring lines on one topic share their words; the numbers say where the shift
    // starts (the Chinese on line 61 lost its English). See also
    // `a_lone_line_ending_a_shift_is_the_shifts`.
    (
        "rules/alignment-shift-numbers.bad.txt",
        "alignment-shift",
        &[61],
    ),
    // A verbose translation right before a lost one: the merge of the two English lines
    // against it is the cheapest reading by length, but the verbose line is its own pair's, so
    // the shift starts at the next pair (line 43), not on the verbose line (41).
    (
        "rules/alignment-shift-merge-start.bad.txt",
        "alignment-shift",
        &[43],
    ),
    // A translation cut short (line 43, "说到阳光，番茄") right before a lost one: the cut line
    // is its own original's, so the shift starts at the next pair (line 45) and the cut is
    // `length-ratio-outlier`'s.
    (
        "rules/alignment-shift-cut-start.bad.txt",
        "alignment-shift",
        &[45],
    ),
    (
        "rules/alignment-shift-cut-start.bad.txt",
        "length-ratio-outlier",
        &[43],
    ),
    // English reworded in a Chinese slot (line 27) is in its place: the shift starts where the
    // English slid up, on the next pair (line 29).
    (
        "rules/alignment-shift-untranslated-start.bad.txt",
        "alignment-shift",
        &[29],
    ),
    (
        "rules/alignment-shift-untranslated-start.bad.txt",
        "untranslated-line",
        &[27],
    ),
    // A lone line on each side of a pair whose numbers agree: two missing translations, not a
    // short shift that would move the confirmed pair's translation.
    (
        "rules/alignment-shift-lone-lines.good.txt",
        "alignment-shift",
        &[],
    ),
    (
        "rules/alignment-shift-lone-lines.good.txt",
        "missing-translation",
        &[41, 44],
    ),
    ("rules/split-sentence.bad.txt", "split-sentence", &[2, 6]),
    // A dotted abbreviation ends the first line on both sides, and the Chinese stops with no
    // mark; where it ends a sentence, or a capital is a variable after "delta", no split.
    // A row that runs on in lower case, with its Chinese stopped mid-sentence too.
    ("rules/split-sentence-rows.bad.tsv", "split-sentence", &[2]),
    ("rules/split-sentence-rows.good.tsv", "split-sentence", &[]),
    // A row's Chinese that ends one sentence and stops on a Han character, the next row
    // completing it: a break at the wrong place, as in interleaved text.
    (
        "rules/split-sentence-rows-misplaced.bad.tsv",
        "split-sentence",
        &[2],
    ),
    (
        "rules/split-sentence-abbreviation.bad.tsv",
        "split-sentence",
        &[3],
    ),
    (
        "rules/split-sentence-abbreviation.good.tsv",
        "split-sentence",
        &[],
    ),
    ("rules/split-sentence.good.txt", "split-sentence", &[]),
    // The first Chinese line ends one sentence and runs on into the next, its length still near
    // its original's; the second is short (4), or it stops on a Han character with no mark at all
    // (10). Quotations, a line ending on a comma alone, and a line without a final mark among
    // others without one (good file) are no such break.
    (
        "rules/split-sentence-run-on.bad.txt",
        "split-sentence",
        &[4, 10],
    ),
    (
        "rules/split-sentence-run-on.good.txt",
        "split-sentence",
        &[],
    ),
    // A wordy first Chinese line whose length would fit both English lines is no translation
    // of the second when it lacks the second's numbers (480 loaves).
    (
        "rules/split-sentence-numbers.good.txt",
        "split-sentence",
        &[],
    ),
    (
        "rules/split-sentence-numbers.good.txt",
        "missing-translation",
        &[5],
    ),
    // A terse translator's two lines stay short together ("…揉10分钟。然后盖上湿布醒" /
    // "半小时左右。"): the second, far too short alone (δ −6.2), comes close with the clause.
    (
        "rules/split-sentence-terse.bad.txt",
        "split-sentence",
        &[16],
    ),
    // A line that stops after a clause with no mark, or on 、, where its original ends a
    // sentence, the next line opening with the rest and its full stop ("烤肉。也会下棋…"):
    // found whatever the lengths. A line left unpunctuated before a sentence of its own, or
    // cut off, is no break.
    (
        "rules/split-sentence-clause.bad.txt",
        "split-sentence",
        &[4, 10],
    ),
    (
        "rules/split-sentence-clause.good.txt",
        "split-sentence",
        &[],
    ),
    // A one-clause line that stops on a comma where its original ends a sentence, the next line
    // finishing the clause before a sentence of its own; a comma before a sentence of its own
    // is the translator's style.
    ("rules/split-sentence-comma.bad.txt", "split-sentence", &[4]),
    ("rules/split-sentence-comma.good.txt", "split-sentence", &[]),
    // A wordy translator's line that runs on into the next sentence: the two lines do not fit
    // together, but the first is far too long for its original and the second short. A long line
    // that ends its own sentences is no break.
    ("rules/split-sentence-wordy.bad.txt", "split-sentence", &[6]),
    ("rules/split-sentence-wordy.good.txt", "split-sentence", &[]),
    // A short clause before a colon ("好处很明显：…") is no speaker label where the English has
    // none: the row that completes the sentence is the same speaker's.
    ("rules/split-sentence-colon.bad.tsv", "split-sentence", &[2]),
    // A first line cut off after its first sentence ("还不用。我们再往上", far too short for
    // its original) above a complete translation of the next line is no misplaced break: it is
    // a cut line, reported as too short.
    (
        "rules/split-sentence-truncated.good.txt",
        "split-sentence",
        &[],
    ),
    (
        "rules/split-sentence-truncated.good.txt",
        "length-ratio-outlier",
        &[7],
    ),
    // Two speakers' lines: a cut line followed by a long one of the next speaker is no
    // misplaced break (the lengths would fit together, but a sentence does not run on across
    // speakers).
    (
        "rules/split-sentence-speakers.good.txt",
        "split-sentence",
        &[],
    ),
    // The first Chinese line translates both halves; the second half has none. Speaker labels
    // are set aside, and a sentence does not run on from one speaker to another (good file).
    (
        "rules/split-sentence-one-line.bad.txt",
        "split-sentence",
        &[4, 12],
    ),
    (
        "rules/split-sentence-one-line.good.txt",
        "split-sentence",
        &[],
    ),
    // The Chinese break moved into the next sentence (4), and one Chinese line for two English
    // sentences, the second left without a translation (10).
    (
        "rules/split-sentence-misplaced.bad.txt",
        "split-sentence",
        &[4, 10],
    ),
    // A long line ending on a comma before a pair that fits, and a long complete sentence
    // before a concise one.
    (
        "rules/split-sentence-misplaced.good.txt",
        "split-sentence",
        &[],
    ),
    (
        "rules/subtitle-syntax.bad.srt",
        "subtitle-syntax",
        &[1, 7, 10, 15, 20, 23, 28, 33, 38],
    ),
    ("rules/subtitle-syntax.good.srt", "subtitle-syntax", &[]),
    // Minutes or seconds of one digit or three.
    (
        "rules/subtitle-syntax-field-digits.bad.srt",
        "subtitle-syntax",
        &[7, 12],
    ),
    (
        "rules/table-syntax.bad.jsonl",
        "table-syntax",
        &[2, 3, 4, 5],
    ),
    ("rules/table-syntax.good.jsonl", "table-syntax", &[]),
    ("rules/cue-overlap.bad.srt", "cue-overlap", &[7]),
    ("rules/cue-overlap.good.srt", "cue-overlap", &[]),
    ("rules/cue-order.bad.srt", "cue-order", &[7, 12, 17]),
    ("rules/cue-order.good.srt", "cue-order", &[]),
    ("rules/cue-duration.bad.srt", "cue-duration", &[2, 7, 12]),
    ("rules/cue-duration.good.srt", "cue-duration", &[]),
    ("rules/cue-gap.bad.srt", "cue-gap", &[7, 12]),
    ("rules/cue-gap.good.srt", "cue-gap", &[]),
    ("rules/reading-speed.bad.srt", "reading-speed", &[3, 9]),
    ("rules/reading-speed.good.srt", "reading-speed", &[]),
    ("rules/line-length.bad.srt", "line-length", &[3, 4, 9]),
    ("rules/line-length.good.srt", "line-length", &[]),
    (
        "rules/missing-translation.bad.txt",
        "missing-translation",
        // 11: the last line of dialogue, before the footer, even though it names the show.
        &[3, 6, 8, 11],
    ),
    (
        "rules/missing-translation.good.txt",
        "missing-translation",
        &[],
    ),
    (
        "rules/stray-line.bad.txt",
        "stray-line",
        // 6: an ad break marker; 16: a sentence of the "about" text after the footer's first
        // app line.
        &[1, 2, 3, 6, 9, 10, 11, 14, 16],
    ),
    ("rules/stray-line.good.txt", "stray-line", &[]),
    // "Tap to follow" and a subtitle team's recruiting notice; a speaker asking the audience
    // to subscribe, with its original, stays dialogue.
    ("rules/stray-line-calls.bad.txt", "stray-line", &[3, 6]),
    ("rules/stray-line-calls.good.txt", "stray-line", &[]),
    // A rhetorical question renders a statement; a plain one does not.
    (
        "rules/terminal-punctuation-mismatch-rhetorical.good.txt",
        "terminal-punctuation-mismatch",
        &[],
    ),
    (
        "rules/terminal-punctuation-mismatch-rhetorical.bad.txt",
        "terminal-punctuation-mismatch",
        &[1, 3],
    ),
    // A header sentence between app lines is the header's; a speaker saying "打开 App" is
    // dialogue; a footer's contact line (label and address) is no English line.
    (
        "rules/stray-line-edges.bad.txt",
        "stray-line",
        &[1, 2, 3, 4, 5, 12, 13],
    ),
    ("rules/stray-line-edges.bad.txt", "missing-translation", &[]),
    // A table row holding app text in one cell and nothing in the other; a credit row after the
    // last pair.
    // In the middle of a file whose Chinese lines end with a mark, a one-language call to like
    // and follow with none is the channel's text, in cues and rows as in a transcript; a
    // speaker's line with its mark is a missing translation.
    ("rules/stray-line-mid-call.bad.srt", "stray-line", &[13]),
    (
        "rules/stray-line-mid-call.bad.srt",
        "missing-translation",
        &[27],
    ),
    // 7: a call to follow the channel's official account (关注, 公众号) after the last row.
    ("rules/stray-line-mid-call.bad.tsv", "stray-line", &[4, 7]),
    (
        "rules/stray-line-mid-call.bad.tsv",
        "missing-translation",
        &[],
    ),
    // In a file of unpunctuated cues the missing mark says nothing: a line of the speaker's.
    // A row or cue of interface text in both languages is scraped, reported at its Chinese; a
    // line of dialogue that opens like a button ("Show more of the dough, please!") is not.
    (
        "rules/stray-line-both-languages.bad.jsonl",
        "stray-line",
        &[3],
    ),
    (
        "rules/stray-line-both-languages.bad.srt",
        "stray-line",
        &[8],
    ),
    ("rules/stray-line-mid-call.good.srt", "stray-line", &[]),
    // Three English lines in a row: the slot line that rewords the next original pairs with it,
    // and the first is the original that lost its translation.
    (
        "rules/untranslated-line-reworded.bad.txt",
        "untranslated-line",
        &[6],
    ),
    (
        "rules/untranslated-line-reworded.bad.txt",
        "missing-translation",
        &[5],
    ),
    (
        "rules/stray-line-mid-call.good.srt",
        "missing-translation",
        &[13],
    ),
    ("rules/stray-line-table.bad.tsv", "stray-line", &[3, 6]),
    ("rules/stray-line-table.bad.tsv", "missing-translation", &[]),
    // A production credit in brackets alone in a cue; a sponsor line the host reads is dialogue.
    ("rules/stray-line-credit.bad.vtt", "stray-line", &[8]),
    (
        "rules/stray-line-credit.bad.vtt",
        "missing-translation",
        &[],
    ),
    (
        "rules/stray-line-calls.good.txt",
        "missing-translation",
        &[],
    ),
    (
        "rules/duplicated-untranslated-line.bad.txt",
        "duplicated-untranslated-line",
        // 11: a copy behind a speaker label on each line.
        &[3, 5, 7, 9, 11],
    ),
    (
        "rules/duplicated-untranslated-line.good.txt",
        "duplicated-untranslated-line",
        &[],
    ),
    // English behind a speaker label, even a Chinese one, is a copy; an acronym is not.
    (
        "rules/duplicated-untranslated-line-labels.bad.txt",
        "duplicated-untranslated-line",
        &[4, 6],
    ),
    (
        "rules/duplicated-untranslated-line-labels.bad.txt",
        "halfwidth-punctuation",
        &[],
    ),
    (
        "rules/duplicated-untranslated-line-labels.good.txt",
        "duplicated-untranslated-line",
        &[],
    ),
    // In a subtitle cue, a copy wrapped otherwise than its original (one line against two) is
    // still a copy, not an original of three lines without translation.
    (
        "rules/duplicated-untranslated-line-rewrapped.bad.srt",
        "duplicated-untranslated-line",
        &[8, 19],
    ),
    (
        "rules/duplicated-untranslated-line-rewrapped.bad.srt",
        "missing-translation",
        &[],
    ),
    (
        "rules/duplicated-untranslated-line-rewrapped.good.srt",
        "missing-translation",
        &[14],
    ),
    (
        "rules/untranslated-line.bad.txt",
        "untranslated-line",
        // 9: English behind a Chinese speaker label.
        &[3, 5, 7, 9],
    ),
    ("rules/untranslated-line.good.txt", "untranslated-line", &[]),
    // A copy is a duplicate, not an "untranslated line": each defect is reported once.
    (
        "rules/duplicated-untranslated-line.bad.txt",
        "untranslated-line",
        &[],
    ),
    (
        "rules/untranslated-fragment.bad.txt",
        "untranslated-fragment",
        // 9–13: a filler word left in three pairs whose originals do not have it is no term.
        &[1, 3, 5, 7, 9, 11, 13, 15],
    ),
    // A foreign set phrase written whole stays in Latin letters ("amor fati", "via negativa");
    // one of its words alone is still English left in the Chinese.
    (
        "rules/untranslated-fragment-foreign.bad.txt",
        "untranslated-fragment",
        &[1, 3, 5],
    ),
    (
        "rules/untranslated-fragment-foreign.good.txt",
        "untranslated-fragment",
        &[],
    ),
    (
        "rules/untranslated-fragment-terms.bad.txt",
        "untranslated-fragment",
        // 7: a word beside a kept term ("batch") is not part of it when the original does not
        // say the two together. 9: a word after (not before) a code noun is no name. 13: a word
        // kept only inside a brand's name (`Harbor Tea`) is no evidence for the common noun.
        &[7, 9, 13],
    ),
    (
        "rules/untranslated-fragment.good.txt",
        "untranslated-fragment",
        &[],
    ),
    (
        "rules/halfwidth-punctuation.bad.txt",
        "halfwidth-punctuation",
        // 7: a run of marks is converted whole; 9: both parentheses of a pair; 11: the comma
        // after an address; 13: a gloss after a closing quote; 15: a comma glued between two
        // names; 17: a colon before an address; 19: an ellipsis of ASCII full stops.
        &[1, 3, 5, 7, 9, 11, 13, 15, 17, 19],
    ),
    (
        "rules/number-mismatch.bad.txt",
        "number-mismatch",
        // 11: a hedged small count ("about four" is still four); 13: a hedged half; 15: a share
        // read whole ("one in three" against 四分之一).
        &[1, 3, 5, 7, 9, 11, 13, 15],
    ),
    ("rules/number-mismatch.good.txt", "number-mismatch", &[]),
    // Subtitle cues: a number moved to the neighbouring cue is reflow; one in no neighbour is not.
    (
        "rules/number-mismatch-reflow.bad.srt",
        "number-mismatch",
        // 23: two small numbers that contradict each other, in no neighbour either. 38: its
        // numbers are in the cue before, but both sides of that cue end their sentence, so
        // nothing was moved across.
        &[3, 13, 23, 38],
    ),
    (
        "rules/number-mismatch-reflow.good.srt",
        "number-mismatch",
        &[],
    ),
    // Units the Chinese counts in other units (60万千瓦 for 600 MW, 十五年 for "a decade and a
    // half", 九十分钟 for "an hour and a half", 斤 for kilograms, 亩 for hectares), a range whose
    // two ends take different scale words, a formula's subscript (CO2), the adverb "first" after
    // a number, and a subtitle's dialogue dash before a Chinese number ("-十五个人").
    (
        "rules/number-mismatch-units.bad.txt",
        "number-mismatch",
        &[1, 3, 5, 7, 9, 11, 13, 15],
    ),
    (
        "rules/number-mismatch-units.good.txt",
        "number-mismatch",
        &[],
    ),
    // A cue's Chinese wrapped inside a number (`二` / `十三个`) is one number.
    (
        "rules/number-mismatch-dates.bad.txt",
        "number-mismatch",
        &[1, 3, 5, 7],
    ),
    (
        "rules/number-mismatch-dates.good.txt",
        "number-mismatch",
        &[],
    ),
    (
        "rules/number-mismatch-wrapped.bad.srt",
        "number-mismatch",
        &[3, 9],
    ),
    (
        "rules/number-mismatch-wrapped.good.srt",
        "number-mismatch",
        &[],
    ),
    (
        "rules/terminal-punctuation-mismatch.bad.txt",
        "terminal-punctuation-mismatch",
        &[1, 3, 5],
    ),
    (
        "rules/terminal-punctuation-mismatch.good.txt",
        "terminal-punctuation-mismatch",
        &[],
    ),
    // One sentence over two cues, its numbers in the other order in the Chinese ("We need 3
    // eggs" / "and 200 grams of flour."): reordering within a sentence is no crossing.
    (
        "rules/crossed-pair-within-sentence.good.srt",
        "crossed-pair",
        &[],
    ),
    // Crossed translations: `crossed-pair` reports them, not the sentence types they swap
    // (`crossings_are_left_to_crossed_pair`); alone, the sentence types are all that tells.
    (
        "rules/terminal-punctuation-mismatch-crossed.good.txt",
        "terminal-punctuation-mismatch",
        &[5, 7],
    ),
    (
        "rules/terminal-punctuation-mismatch-crossed.good.txt",
        "crossed-pair",
        &[5],
    ),
    (
        "rules/halfwidth-punctuation.good.txt",
        "halfwidth-punctuation",
        &[],
    ),
    (
        "rules/whitespace.bad.txt",
        "whitespace",
        &[1, 2, 3, 4, 5, 6, 7, 9],
    ),
    // A TSV cell's edges; a tab between columns and an empty last column are the format's.
    ("rules/whitespace.bad.tsv", "whitespace", &[1, 2, 3]),
    ("rules/whitespace.good.tsv", "whitespace", &[]),
    // A JSON field's text between its quotes; other fields, escapes and spaces inside the text
    // are not its edges.
    (
        "rules/whitespace-fields.bad.jsonl",
        "whitespace",
        &[1, 2, 3],
    ),
    ("rules/whitespace-fields.good.jsonl", "whitespace", &[]),
    ("rules/whitespace.good.txt", "whitespace", &[]),
    (
        "rules/cjk-latin-spacing.bad.txt",
        "cjk-latin-spacing",
        &[1, 3],
    ),
    ("rules/cjk-latin-spacing.good.txt", "cjk-latin-spacing", &[]),
];

fn lines_reported(fixture: &str, rule: &str) -> Vec<usize> {
    let path = crate::common::fixture(fixture);
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    lines_reported_as(&path, &text, rule)
}

/// The report of the rules `select` (the defaults when empty) on `text`, read as the file
/// `path` (its extension picks the format).
fn report_of(path: &str, text: &str, select: &[&str]) -> translint::report::FileReport {
    let settings = Settings {
        select: select.iter().map(|r| r.to_string()).collect(),
        ..Settings::default()
    };
    let rules = settings.active_rules().expect("known rules");
    translint::check_text(
        path,
        text,
        &translint::parse::ParseOptions::default(),
        &settings,
        &rules,
    )
}

#[test]
fn every_rule_s_documented_examples_behave_as_documented() {
    // `translint explain RULE` shows a bad and a good example: the bad one must fire, the good
    // one must not (read as the format they are written in).
    for rule in translint::rules::RULES {
        let name = rule.meta().name;
        let doc = translint::rules::docs::RuleDoc::parse(rule.meta().doc).expect("doc parses");
        let path = |text: &str| {
            if text.starts_with("WEBVTT") {
                "example.vtt"
            } else if text.lines().nth(1).is_some_and(|l| l.contains("-->")) {
                "example.srt"
            } else if text.contains('\t') {
                "example.tsv"
            } else {
                "example.txt"
            }
        };
        let fires = |text: &str| !report_of(path(text), text, &[name]).diagnostics.is_empty();
        assert!(fires(&doc.bad), "{name}: the bad example does not fire");
        assert!(!fires(&doc.good), "{name}: the good example fires");
    }
}

/// Lines where `rule` reports on `text`, read as the file `path` (its extension picks the
/// format).
fn lines_reported_as(path: &str, text: &str, rule: &str) -> Vec<usize> {
    let report = report_of(path, text, &[rule]);
    report
        .diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d.rule, rule);
            report.doc.file(d.file).line_col(d.span.start).0
        })
        .collect()
}

/// Lines where `rule` reports on `text` (an interleaved transcript held in memory).
fn lines_reported_in(text: &str, rule: &str) -> Vec<usize> {
    lines_reported_as("generated.txt", text, rule)
}

#[test]
fn rules_fire_exactly_where_expected() {
    let mut failures = Vec::new();
    for (fixture, rule, expected) in CASES {
        let got = lines_reported(fixture, rule);
        if got != *expected {
            failures.push(format!(
                "{fixture} [{rule}]: expected lines {expected:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Lines where `rule` reports on `fixture` when the rules `select` run together.
fn lines_with(fixture: &str, select: &[&str], rule: &str) -> Vec<usize> {
    rules_and_lines(fixture, select)
        .into_iter()
        .filter(|(r, _)| r == rule)
        .map(|(_, line)| line)
        .collect()
}

/// The halves of a sentence split at the wrong place are too long and too short for their
/// originals: one defect, reported by `split-sentence` alone when it runs.
#[test]
fn the_halves_of_a_split_sentence_are_left_to_split_sentence() {
    let lines = |select: &[&str], rule: &str| {
        lines_with("rules/length-ratio-outlier-split-halves.txt", select, rule)
    };
    let both = ["length-ratio-outlier", "split-sentence"];
    assert_eq!(lines(&both, "split-sentence"), [8]);
    assert_eq!(lines(&both, "length-ratio-outlier"), Vec::<usize>::new());
    // Without the split rule, the lengths are all that is left to tell of it.
    assert_eq!(
        lines(&["length-ratio-outlier"], "length-ratio-outlier"),
        [7, 9]
    );
}

/// A question and a statement whose translations were crossed are one defect, reported by
/// `crossed-pair` alone when it runs; without it (or `alignment-shift`) the alignment is not
/// computed for `terminal-punctuation-mismatch`, and the sentence types are reported.
#[test]
fn crossings_are_left_to_crossed_pair() {
    let lines = |select: &[&str], rule: &str| {
        lines_with(
            "rules/terminal-punctuation-mismatch-crossed.good.txt",
            select,
            rule,
        )
    };
    let terminal = "terminal-punctuation-mismatch";
    for other in ["crossed-pair", "alignment-shift"] {
        assert_eq!(lines(&[terminal, other], terminal), Vec::<usize>::new());
    }
    assert_eq!(lines(&[terminal], terminal), [5, 7]);
}

#[test]
fn every_rule_has_a_bad_and_a_good_fixture() {
    for rule in translint::rules::RULES {
        let name = rule.meta().name;
        for kind in ["bad", "good"] {
            // Any extension: subtitle rules need .srt fixtures, table rules .jsonl.
            let rel = format!("rules/{name}.{kind}.");
            let listed = CASES
                .iter()
                .any(|(f, r, _)| f.starts_with(&rel) && *r == name);
            assert!(listed, "{rel} is not in the test table");
        }
    }
}

#[test]
fn the_count_claim_is_checked() {
    let path = crate::common::fixture("rules/stray-line.bad.txt");
    let settings = Settings::default();
    let rules = settings.active_rules().expect("defaults");
    let report = translint::check_file(
        &path,
        &translint::parse::ParseOptions::default(),
        &settings,
        &rules,
    )
    .expect("readable");
    let claim = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("claims"))
        .expect("a claim is reported");
    assert!(
        claim
            .message
            .contains("claims 5 more entries but 1 pair follows it"),
        "{}",
        claim.message
    );
}

#[test]
fn halfwidth_fix_edits_only_the_marks() {
    let path = crate::common::fixture("rules/halfwidth-punctuation.bad.txt");
    let text = std::fs::read_to_string(&path).expect("readable");
    let settings = Settings {
        select: vec!["halfwidth-punctuation".into()],
        ..Settings::default()
    };
    let rules = settings.active_rules().expect("known");
    let report = translint::check_text(
        &path,
        text.clone(),
        &translint::parse::ParseOptions::default(),
        &settings,
        &rules,
    );
    let mut edits: Vec<_> = report
        .diagnostics
        .iter()
        .flat_map(|d| d.fix.as_ref().expect("a fix").edits.clone())
        .collect();
    edits.sort_by_key(|e| e.span.start);
    let mut fixed = text.clone();
    for e in edits.iter().rev() {
        fixed.replace_range(e.span.range(), &e.replacement);
    }
    assert!(
        fixed.starts_with("我们去商店，买了苹果（很甜）。你要吗？\n"),
        "{fixed}"
    );
    assert!(fixed.contains("他说：走吧！\n"));
    assert!(fixed.contains("Ana，你好；欢迎。"));
    assert!(fixed.contains("太好吃了，强烈推荐！！！\n"));
    assert!(fixed.contains("我的电脑是 Windows 11（64位），很旧了。\n"));
    assert!(fixed.contains("先看 https://example.org/menu，再决定。\n"));
    assert!(fixed.contains("所谓的“冷启动”（cold start）问题。\n"));
    assert!(fixed.contains("试过 Django，Flask 后来"));
    assert!(fixed.contains("网站上：https://example.org/notes，随时"));
    assert!(fixed.contains("雨停了……我们再等一会儿吧。\n"));
    // English lines are untouched.
    assert!(fixed.contains("We went to the shop and bought apples (very sweet). Want some?"));
}

/// The binary's concise report of the rules `select` on `paths`.
fn concise_check(select: &str, paths: &[&str]) -> String {
    let mut args = vec!["check", "--format", "concise", "--select", select];
    args.extend_from_slice(paths);
    crate::common::stdout(&crate::common::run(&args))
}

#[test]
fn a_copy_is_called_exact_only_when_it_is() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("copies.txt");
    let text = "我们下周再谈。\nWe can talk next week.\nShe never mentioned it\nShe never mentioned it.\nHe left early.\nHe left early.\n";
    std::fs::write(&path, text).expect("writable");
    let out = concise_check(
        "duplicated-untranslated-line",
        &[path.to_str().expect("utf-8 path")],
    );
    assert!(
        out.contains(":3:1: error[duplicated-untranslated-line] the translation slot holds a copy (the same words; marks, case or spacing differ)"),
        "{out}"
    );
    assert!(
        out.contains(
            ":5:1: error[duplicated-untranslated-line] the translation slot holds an exact copy"
        ),
        "{out}"
    );
}

#[test]
fn english_in_the_translation_slot_is_not_compared_as_chinese() {
    // An English transcript read as pairs: every pair is a near-copy of its neighbour
    // (`duplicated-untranslated-line`), and its numbers are not "the Chinese".
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("talk.txt");
    let text: String = (0..20)
        .map(|k| format!("We counted {} boxes in room {k} that day.\n", 3 * k + 1))
        .collect();
    std::fs::write(&path, text).expect("writable");
    let path = path.to_str().expect("utf-8 path");
    let out = concise_check(
        "number-mismatch,alignment-shift,duplicated-untranslated-line",
        &[path],
    );
    assert!(!out.contains("number-mismatch"), "{out}");
    assert!(!out.contains("alignment-shift"), "{out}");
    assert_eq!(
        out.matches("duplicated-untranslated-line").count(),
        10,
        "{out}"
    );
}

#[test]
fn two_files_with_shifted_text_report_the_shift_start() {
    // The Chinese text of cue 4 was deleted and the later texts moved up one cue, timings kept.
    let out = concise_check(
        "alignment-shift",
        &[
            "fixtures/formats/trip.en.srt",
            "fixtures/formats/trip.zh.srt",
        ],
    );
    assert!(
        out.contains("fixtures/formats/trip.zh.srt:15:1: error[alignment-shift] alignment shifted from line 15"),
        "{out}"
    );
    assert_eq!(out.matches("alignment-shift").count(), 1, "{out}");
}

#[test]
fn two_files_report_interface_cues_in_both_languages_in_each_file() {
    let out = concise_check(
        "stray-line,missing-translation",
        &[
            "fixtures/formats/loaf.en.srt",
            "fixtures/formats/loaf.zh.srt",
        ],
    );
    assert!(
        out.contains("fixtures/formats/loaf.en.srt:7:1: warning[stray-line]"),
        "{out}"
    );
    assert!(
        out.contains("fixtures/formats/loaf.zh.srt:7:1: warning[stray-line]"),
        "{out}"
    );
    assert!(
        out.contains("Checked 2 files, 2 pairs: 0 errors, 2 warnings"),
        "{out}"
    );
}

#[test]
fn two_files_measure_a_merged_cue_against_both_originals() {
    // The Chinese cue 3 is on screen through English cues 3 and 4 and translates both; it pairs
    // with cue 4 (the longer overlap), whose 23 characters alone it would far outrun.
    let paths = [
        "fixtures/formats/hike.en.srt",
        "fixtures/formats/hike.zh.srt",
    ];
    let out = concise_check("length-ratio-outlier,missing-translation", &paths);
    assert!(
        out.contains("Checked 2 files, 8 pairs: 0 errors, 0 warnings"),
        "{out}"
    );
    // A merged cue too long even for both originals is still reported.
    let dir = tempfile::tempdir().expect("temp dir");
    let zh = std::fs::read_to_string(paths[1]).expect("fixture");
    let padded = zh.replace(
        "接着就开始下雪了。",
        "接着就开始下雪了，大家一边发抖一边互相抱怨，说早知道就该听天气预报，在家里好好睡一觉，而不是跑到这么冷的山上来受罪。",
    );
    assert_ne!(zh, padded);
    let (en_path, zh_path) = (
        dir.path().join("hike.en.srt"),
        dir.path().join("hike.zh.srt"),
    );
    std::fs::copy(paths[0], &en_path).expect("writable");
    std::fs::write(&zh_path, padded).expect("writable");
    let out = concise_check(
        "length-ratio-outlier",
        &[
            en_path.to_str().expect("utf-8 path"),
            zh_path.to_str().expect("utf-8 path"),
        ],
    );
    assert!(
        out.contains("hike.zh.srt:11:1: warning[length-ratio-outlier] Chinese line is too long"),
        "{out}"
    );
}

#[test]
fn two_files_report_app_text_and_credits_without_a_counterpart_as_strays() {
    // A call to action in the English and the subtitle team's credit in the Chinese, neither
    // with a counterpart: app text, not dropped cues or missing translations.
    let out = concise_check(
        "stray-line,missing-translation,alignment-shift",
        &[
            "fixtures/formats/lake.en.srt",
            "fixtures/formats/lake.zh.srt",
        ],
    );
    assert!(
        out.contains("lake.en.srt:11:1: warning[stray-line] app interface text"),
        "{out}"
    );
    assert!(
        out.contains("lake.zh.srt:15:1: warning[stray-line] app footer text"),
        "{out}"
    );
    assert!(!out.contains("missing-translation"), "{out}");
    assert!(!out.contains("alignment-shift"), "{out}");
    assert!(out.contains("Checked 2 files, 3 pairs"), "{out}");
}

#[test]
fn a_crossing_in_two_files_names_the_english_file_for_both_english_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cue = |n: usize, text: &str| format!("{n}\n00:00:0{n},000 --> 00:00:0{n},900\n{text}\n\n");
    let en = [
        "We left at dawn.",
        "The bus took 45 minutes.",
        "The walk took another 20 minutes.",
        "Then we had lunch.",
    ];
    let zh = [
        "我们天亮就出发了。",
        "又走了20分钟。",
        "坐公交花了45分钟。",
        "然后我们吃了午饭。",
    ];
    let file = |lines: &[&str]| -> String {
        lines
            .iter()
            .enumerate()
            .map(|(k, t)| cue(k + 1, t))
            .collect()
    };
    let (en_path, zh_path) = (dir.path().join("w.en.srt"), dir.path().join("w.zh.srt"));
    std::fs::write(&en_path, file(&en)).expect("writable");
    std::fs::write(&zh_path, file(&zh)).expect("writable");
    let en_name = en_path.to_str().expect("utf-8");
    let out = concise_check("crossed-pair", &[en_name, zh_path.to_str().expect("utf-8")]);
    assert!(
        out.contains(&format!(
            "this line translates the English on line 11 of {en_name}, and the Chinese on line 11 translates the English on line 7 of {en_name}"
        )),
        "{out}"
    );
}

#[test]
fn a_count_claim_in_a_two_file_pair_counts_the_pairs_of_its_own_file() {
    // Each file of a pair has its own offsets: a claim in one is judged by the pairs that follow
    // it there (counted by offsets of both files mixed, it was judged against the wrong ones).
    let dir = tempfile::tempdir().expect("temp dir");
    let cue = |n: usize, text: &str| format!("{n}\n00:00:0{n},000 --> 00:00:0{n},900\n{text}\n\n");
    let en: String = ["One.", "Two.", "Three."]
        .iter()
        .enumerate()
        .map(|(k, t)| cue(k + 1, t))
        .collect();
    // The claim stands between the first and second cues of the Chinese: two pairs follow it.
    let claim = "9\n00:00:01,920 --> 00:00:01,980\n展开剩余字幕（还有 2 条）\n\n";
    let zh = cue(1, "一。") + claim + &cue(2, "二。") + &cue(3, "三。");
    let (en_path, zh_path) = (dir.path().join("t.en.srt"), dir.path().join("t.zh.srt"));
    std::fs::write(&en_path, en).expect("writable");
    std::fs::write(&zh_path, zh).expect("writable");
    let out = concise_check(
        "stray-line",
        &[
            en_path.to_str().expect("utf-8"),
            zh_path.to_str().expect("utf-8"),
        ],
    );
    assert!(
        out.contains("it claims 2 more entries and 2 pairs follow it: the claim holds"),
        "{out}"
    );
}

#[test]
fn two_files_cut_into_cues_independently_report_only_uncovered_speech() {
    // The English is cut by phrase, the Chinese by sentence (one Chinese cue spans two English
    // ones); the last English cue has nothing beside it in the translation.
    let out = concise_check(
        "alignment-shift,crossed-pair,length-ratio-outlier,split-sentence,missing-translation",
        &[
            "fixtures/formats/bread.en.srt",
            "fixtures/formats/bread.zh.srt",
        ],
    );
    assert!(
        out.contains("fixtures/formats/bread.en.srt:67:1: error[missing-translation]"),
        "{out}"
    );
    assert_eq!(out.matches("error[").count(), 1, "{out}");
    assert_eq!(out.matches("warning[").count(), 0, "{out}");
}

#[test]
fn short_lines_just_outside_their_range_are_free_translation() {
    // Sixty pairs of one steady length ratio make the file's model tight, so that a short
    // translation a character or two outside its range stands out by δ alone.
    let places = [
        ("市场", "market"),
        ("图书馆", "library"),
        ("老桥", "old bridge"),
        ("博物馆", "museum"),
    ];
    let mut lines: Vec<String> = Vec::new();
    for k in 0..60 {
        let (zh, en) = places[k % places.len()];
        lines.push(format!("我们在第{k}站下车，然后步行去{zh}。"));
        lines.push(format!("We get off at stop {k} and then walk to the {en}."));
        let extra: &[&str] = match k {
            // Short of the range by δ −4 in this tight file, but the variance has a floor
            // (s² ≥ 0.15, below which no translator's file fits): a short reply, not reported.
            20 => &["对！", "That's right."],
            // A long translation of a one-word line: reported.
            30 => &["好吧，那我们就一起去吧。", "Fine."],
            // A long sentence cut short: reported.
            40 => &[
                "我们在第四十一站下车。",
                "We get off at stop 41 and then walk all the way to the train station together.",
            ],
            // Two characters short of a short line's range: free translation, not reported.
            50 => &["扔掉。", "Throw it away."],
            _ => &[],
        };
        lines.extend(extra.iter().map(|s| s.to_string()));
    }
    let text = lines.join("\n") + "\n";
    assert_eq!(lines_reported_in(&text, "length-ratio-outlier"), [65, 87]);
}

#[test]
fn a_line_repeated_is_one_line_of_evidence_for_a_kept_term() {
    // The same slip three times (a transcript pasted twice and more) is still a slip…
    let repeated = "他们只带了 essentials。\nThey only brought the essentials.\n".repeat(3);
    assert_eq!(
        lines_reported_in(&repeated, "untranslated-fragment"),
        [1, 3, 5]
    );
    // …while a word kept from the original in two different lines is the translator's term…
    let term = "这个 kernel 很小。\nThis kernel is small.\n\
                换一个 kernel 吧。\nTry another kernel.\n";
    assert!(lines_reported_in(term, "untranslated-fragment").is_empty());
    // …and in one line, a slip.
    let once = "这个 kernel 很小。\nThis kernel is small.\n换一个内核吧。\nTry another kernel.\n";
    assert_eq!(lines_reported_in(once, "untranslated-fragment"), [1]);
}

#[test]
fn a_number_reported_on_one_side_names_its_vague_counterpart() {
    let text = "我们开了十八个小时的车。\nWe drove for eight hours.\n\
                他有两只狗。\nHe has 12 cats and two dogs.\n\
                我们排了三个小时的队，又等了二十分钟。\nWe queued for two hours, then waited 20 minutes.\n\
                两个办法都行。\nWith three million in the bank, either way works.\n";
    let report = report_of("t.txt", text, &["number-mismatch"]);
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_ref())
        .collect();
    assert_eq!(
        messages,
        [
            // The English "eight" is vague alone, but it is the likely counterpart of 十八.
            "numbers differ: the English has `eight` but the Chinese has `十八` instead",
            // "two" found its 两: only the 12 is missing.
            "number missing from the translation: the English has `12`",
            "numbers differ: the English has `two` but the Chinese has `三` instead",
            // 两 ("both ways") is no counterpart of three million: orders of magnitude apart.
            "number missing from the translation: the English has `three million`",
        ]
    );
}

/// A line lost two pairs before an empty slot reads as a crossing plus a missing translation:
/// reported, but swapping would move one translation to a wrong line, so no fix is offered.
/// So also when the empty slot closes the shift three pairs on (short cues, where the lengths
/// did not show the shift), and when a second lost line closes it with no empty slot (a line
/// of each language lost four pairs apart in a call-in show).
#[test]
fn a_crossing_a_lost_line_explains_is_not_fixed() {
    for fixture in [
        "rules/crossed-pair-lost-line.bad.txt",
        "rules/crossed-pair-lost-line-far.bad.srt",
        "rules/crossed-pair-closed-shift.bad.txt",
    ] {
        crossing_not_fixed(fixture);
    }
}

/// [`a_crossing_a_lost_line_explains_is_not_fixed`] on one fixture.
fn crossing_not_fixed(fixture: &str) {
    let path = crate::common::fixture(fixture);
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    let report = report_of(&path, &text, &["crossed-pair"]);
    let [finding] = &report.diagnostics[..] else {
        panic!("one crossing expected: {:?}", report.diagnostics);
    };
    assert!(finding.fix.is_none());
    assert!(
        finding
            .help
            .as_deref()
            .is_some_and(|h| h.contains("a line lost nearby")),
        "{:?}",
        finding.help
    );
}

/// The messages of `rule`'s findings on a fixture, in order.
fn messages_of(fixture: &str, rule: &str) -> Vec<String> {
    let path = crate::common::fixture(fixture);
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    report_of(&path, &text, &[rule])
        .diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect()
}

/// Small numbers that contradict are quoted by their own places, not shifted onto a time word
/// the comparison left out ("noon"); a discount is a number of its own; minutes come with their
/// hour.
#[test]
fn contradicting_small_numbers_are_quoted_as_written() {
    let messages = messages_of("rules/number-mismatch-measures.bad.txt", "number-mismatch");
    assert!(
        messages.contains(
            &"numbers differ: the English has `third` but the Chinese has `二` instead".to_string()
        ),
        "{messages:#?}"
    );
    // Minutes are quoted with their hour, as times.
    assert!(
        messages.contains(
            &"numbers differ: the English has `7:30` but the Chinese has `7:00` instead"
                .to_string()
        ),
        "{messages:#?}"
    );
    // A discount is quoted as written, as the counterpart of the English percentage.
    assert!(
        messages.contains(
            &"numbers differ: the English has `20` but the Chinese has `七折` instead".to_string()
        ),
        "{messages:#?}"
    );
}

/// Two leftovers with a short word between them that the original says together are one
/// phrase: one finding for "year on year", not two for "year".
#[test]
fn a_short_word_between_two_leftovers_joins_them() {
    assert_eq!(
        messages_of(
            "rules/untranslated-fragment-language.bad.txt",
            "untranslated-fragment"
        ),
        [
            "English word `exceptions` left untranslated in the Chinese text",
            "English phrase `year on year` left untranslated in the Chinese text",
        ]
    );
}

/// A two-letter word beside a leftover, which alone reads as a variable ("dt"), is part of the
/// phrase when the original says the two together.
#[test]
fn a_two_letter_word_beside_a_leftover_joins_it() {
    assert_eq!(
        messages_of(
            "rules/untranslated-fragment-short-words.bad.txt",
            "untranslated-fragment"
        ),
        [
            "English phrase `throw up` left untranslated in the Chinese text",
            "English phrase `go home` left untranslated in the Chinese text",
        ]
    );
}

#[test]
fn a_crossing_of_two_rows_names_the_other_row_once() {
    assert_eq!(
        messages_of("rules/crossed-pair-rows.bad.tsv", "crossed-pair"),
        [
            "translations crossed: this row's Chinese translates the English of the next row (line 4), and that row's Chinese translates this row's English"
        ]
    );
}

#[test]
fn a_count_claim_says_whether_it_holds_exactly() {
    let claim = |following: usize| {
        let mut text = "我们出发吧。\nLet's head out.\n展开全部字幕(还有 2 条)\n".to_string();
        for _ in 0..following {
            text.push_str("天快黑了。\nIt's getting dark.\n");
        }
        report_of("t.txt", &text, &[])
            .diagnostics
            .iter()
            .find(|d| d.message.contains("claims"))
            .map(|d| d.message.to_string())
            .expect("a claim is reported")
    };
    assert!(
        claim(2).ends_with(
            "claims 2 more entries and 2 pairs follow it: the claim holds, so nothing was cut"
        ),
        "{}",
        claim(2)
    );
    assert!(claim(3).ends_with("claims 2 more entries and 3 pairs follow it: the claim holds to within one, so nothing was cut"), "{}", claim(3));
    assert!(claim(1).ends_with("claims 2 more entries and 1 pair follows it: the claim holds to within one, so nothing was cut"), "{}", claim(1));
    // An entry that lost its translation is still an entry: three follow, one of them without
    // its Chinese (reported as a missing translation).
    let text = "我们出发吧。\nLet's head out.\n展开全部字幕(还有 3 条)\n天快黑了。\nIt's getting dark.\nWait for me.\n我们走快点。\nLet's walk faster.\n";
    let report = report_of("t.txt", text, &[]);
    let message = |needle: &str| {
        report
            .diagnostics
            .iter()
            .find(|d| d.message.contains(needle))
            .map(|d| d.message.to_string())
    };
    assert!(
        message("claims").is_some_and(|m| m.ends_with(
            "claims 3 more entries and 3 pairs follow it: the claim holds, so nothing was cut"
        )),
        "{:?}",
        message("claims")
    );
    assert!(message("has no Chinese translation").is_some());
}

#[test]
fn a_shift_across_two_files_names_lines_of_one_file() {
    // Plain text files pair by position: the Chinese lost its fifth line, so from there each
    // translation sits beside the next original, and the last original has no partner at all.
    let pairs = [
        (
            "We packed the car before sunrise.",
            "我们在日出前把车装好了。",
        ),
        ("Yes.", "是的。"),
        (
            "The road along the coast was closed for repairs, so we drove through the hills.",
            "沿海的路在维修，所以我们从山里开过去。",
        ),
        ("It took longer.", "花的时间更长。"),
        (
            "My brother kept asking whether we were there yet, every ten minutes or so.",
            "我弟弟每隔十分钟左右就问一次我们到了没有。",
        ),
        ("Then it rained.", "然后下雨了。"),
        (
            "We stopped at a small village and waited in a bakery until the storm had passed.",
            "我们在一个小村子停下，在面包店里等暴风雨过去。",
        ),
        ("Good bread.", "面包很好吃。"),
        (
            "By the time we reached the lake the sky was clear and the water was completely still.",
            "等我们到湖边的时候，天已经晴了，湖面一点波纹都没有。",
        ),
        ("Nobody spoke.", "谁也没说话。"),
        (
            "We set up the tents in the dark and fell asleep almost at once, too tired to cook.",
            "我们摸黑搭好帐篷，累得连饭都没做，几乎马上就睡着了。",
        ),
        ("What a day.", "真是漫长的一天。"),
    ];
    let dir = std::env::temp_dir().join(format!("translint-two-shift-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let en: String = pairs.iter().map(|p| format!("{}\n", p.0)).collect();
    let zh: String = pairs
        .iter()
        .enumerate()
        .filter(|(k, _)| *k != 4)
        .map(|(_, p)| format!("{}\n", p.1))
        .collect();
    let (en_path, zh_path) = (dir.join("trip.en.txt"), dir.join("trip.zh.txt"));
    std::fs::write(&en_path, en).expect("write");
    std::fs::write(&zh_path, zh).expect("write");
    let settings = Settings {
        select: vec!["alignment-shift".into()],
        ..Settings::default()
    };
    let rules = settings.active_rules().expect("known");
    let report = translint::check_two_files(
        en_path.to_str().expect("utf-8 path"),
        zh_path.to_str().expect("utf-8 path"),
        &translint::parse::ParseOptions::default(),
        &settings,
        &rules,
    )
    .expect("readable");
    std::fs::remove_dir_all(&dir).ok();
    let shift = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("shifted from"))
        .expect("the shift is reported");
    // Both line numbers are the Chinese file's (it has 11 lines), as is the "back in step" place.
    assert_eq!(shift.file, 1);
    assert!(
        shift
            .message
            .starts_with("alignment shifted from line 5 to line 11 "),
        "{}",
        shift.message
    );
    assert!(
        shift.related.iter().all(|l| l.file == 1),
        "{:?}",
        shift.related
    );
}

#[test]
fn an_empty_translation_is_missing_not_a_number_mismatch() {
    let text =
        "Save 300 dollars a month for 20 years.\t\nThat is 72,000 dollars.\t也就是七万两千美元。\n";
    let report = report_of("t.tsv", text, &["number-mismatch", "missing-translation"]);
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["missing-translation"], "{:?}", report.diagnostics);
}

#[test]
fn a_lone_line_ending_a_shift_is_the_shifts() {
    // (fixture, where the shift starts, the line without a partner that ends it). The Chinese
    // on line 70 has no English as the file stands; the shift's repair gives it line 68's. A
    // table's empty cell closing a shift is the shift's as well. Reported by
    // `missing-translation` only when `alignment-shift` is not run.
    for (fixture, shift, lone) in [
        ("rules/alignment-shift-numbers.bad.txt", 61, 70),
        ("rules/alignment-shift-empty-cell.bad.tsv", 22, 26),
    ] {
        assert_eq!(
            rules_and_lines(fixture, &["alignment-shift", "missing-translation"]),
            [("alignment-shift".to_string(), shift)],
            "{fixture}"
        );
        assert_eq!(
            rules_and_lines(fixture, &["missing-translation"]),
            [("missing-translation".to_string(), lone)],
            "{fixture}"
        );
    }
}

/// The rule and line of every finding of the rules `select` on a fixture.
fn rules_and_lines(fixture: &str, select: &[&str]) -> Vec<(String, usize)> {
    let path = crate::common::fixture(fixture);
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    let report = report_of(&path, &text, select);
    report
        .diagnostics
        .iter()
        .map(|d| {
            let line = report.doc.file(d.file).line_col(d.span.start).0;
            (d.rule.to_string(), line)
        })
        .collect()
}

#[test]
fn a_rare_word_beside_a_leftover_word_is_part_of_the_phrase() {
    // "dogmatic" alone is not common English (a term of the field, let pass), but beside
    // "slumber", as the original says them, it is part of the leftover phrase.
    let text = "他把我从 dogmatic slumber 中唤醒了。\nHe woke me from my dogmatic slumber.\n";
    let report = report_of("t.txt", text, &["untranslated-fragment"]);
    let messages: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect();
    assert_eq!(
        messages,
        ["English phrase `dogmatic slumber` left untranslated in the Chinese text"]
    );
}

/// A unit error is quoted with the units: "6 feet" against 6米, not `6` against `6`.
#[test]
fn unit_errors_are_quoted_with_their_units() {
    let messages = messages_of(
        "rules/number-mismatch-unit-systems.bad.txt",
        "number-mismatch",
    );
    assert_eq!(
        messages[0],
        "numbers differ: the English has `6 feet` but the Chinese has `6米` instead"
    );
    assert_eq!(
        messages[3],
        "numbers differ: the English has `15 degrees Fahrenheit` but the Chinese has `15摄氏度` instead"
    );
}
