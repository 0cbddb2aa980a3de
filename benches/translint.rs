//! `cargo bench`: parse, the alignment pass, each rule, the whole `check`, `fix` and rendering, on a generated corpus.
//!
//! The corpus comes from `examples/corpus` (10 000 pairs ≈ 1.45 MB by default; set
//! `TRANSLINT_BENCH_PAIRS` for another size). Sample sizes are small so a full run stays short.

#[path = "../examples/corpus/mod.rs"]
mod corpus;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use translint::config::Settings;
use translint::model::Format;
use translint::parse::ParseOptions;
use translint::rules::RULES;

fn pairs() -> usize {
    std::env::var("TRANSLINT_BENCH_PAIRS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn benches(c: &mut Criterion) {
    let n = pairs();
    let text = corpus::text(n, 42, 10, "interleaved");
    let mut g = c.benchmark_group(format!("{n}-pairs"));
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .throughput(Throughput::Bytes(text.len() as u64));

    let options = ParseOptions::default();
    g.bench_function("parse", |b| {
        b.iter(|| translint::parse::parse("bench.txt", black_box(text.clone()), &options))
    });

    let interleaved = ParseOptions {
        format: Some(Format::Interleaved),
        ..ParseOptions::default()
    };
    let doc = translint::parse::parse("bench.txt", text.clone(), &interleaved);
    g.bench_with_input(BenchmarkId::new("align", "analyse"), &doc, |b, doc| {
        b.iter(|| translint::align::analyse(black_box(doc)))
    });
    // Timing and layout rules see nothing in interleaved text: they run on the same pairs as SRT.
    let srt = translint::parse::parse(
        "bench.srt",
        corpus::text(n, 42, 10, "srt"),
        &ParseOptions::default(),
    );
    let subtitle_rules = [
        "subtitle-syntax",
        "cue-overlap",
        "cue-order",
        "cue-duration",
        "cue-gap",
        "reading-speed",
        "line-length",
    ];
    for rule in RULES {
        let name = rule.meta().name;
        let doc = if subtitle_rules.contains(&name) {
            &srt
        } else {
            &doc
        };
        let settings = Settings {
            select: vec![name.to_string()],
            ..Settings::default()
        };
        let Ok(active) = settings.active_rules() else {
            continue;
        };
        g.bench_with_input(BenchmarkId::new("rule", name), doc, |b, doc| {
            b.iter(|| translint::lint::lint(black_box(doc), &settings, &active))
        });
    }

    let settings = Settings::default();
    let active = settings.active_rules().unwrap_or_default();
    g.bench_function("check", |b| {
        b.iter(|| {
            translint::check_text(
                "bench.txt",
                black_box(text.clone()),
                &options,
                &settings,
                &active,
            )
        })
    });

    g.bench_function("fix", |b| {
        b.iter(|| {
            translint::fix::fix_text(
                "bench.txt",
                black_box(text.clone()),
                &options,
                &settings,
                &active,
                translint::fix::FixMode::default(),
            )
            .passes
        })
    });

    let report = translint::check_text("bench.txt", text.clone(), &options, &settings, &active);
    let reports = [report];
    g.bench_function("render-json-lines", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            translint::report::json::render_lines(&mut out, black_box(&reports)).map(|()| out.len())
        })
    });
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
