//! The statistics view (统计): the figures of a month, quarter or year of
//! the cursor's date, by programme and by site, held up to today, with a
//! bar chart of the people each programme reached. The figures are the
//! report's ([`crate::model::report::build`], kept in `App::stats`); this
//! only draws them.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Widget};

use super::style;
use crate::i18n::Lang;
use crate::model::Programme;
use crate::model::report::{Figures, Report};
use crate::model::values::SpeakerGroup;
use crate::tr;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::stats::Span as StatsSpan;
use crate::tui::text;

/// The bars are drawn with `=`: block elements are of ambiguous width in
/// CJK terminals and would break the columns around them.
const BARS: symbols::bar::Set<'static> = symbols::bar::Set {
    full: "=",
    seven_eighths: "=",
    three_quarters: "=",
    five_eighths: "=",
    half: "-",
    three_eighths: "-",
    one_quarter: "-",
    one_eighth: " ",
    empty: " ",
};

/// The programmes in the order a station reports them.
const ORDER: [Programme; 4] = [
    Programme::Screening,
    Programme::Lecture,
    Programme::ServiceDay,
    Programme::Event,
];

/// The rows of the chart by programme: one bar each.
const PROGRAMME_ROWS: u16 = 4;

/// The most rows the chart by month takes, its labels included.
const MONTH_ROWS: u16 = 10;

/// Side by side (figures left, chart right) from this width.
const SIDE_BY_SIDE: u16 = 76;
/// The figures' column when side by side.
const FIGURES_WIDTH: u16 = 46;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.width < 2 || area.height == 0 {
        return;
    }
    let [tabs, hint, body] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    render_tabs(app, tabs, buf);
    let hint_text = hint_line(app);
    buf.set_string(
        hint.x,
        hint.y,
        text::ellipsize(&hint_text, usize::from(hint.width)),
        style::dim(),
    );
    let Some(stats) = &app.stats else {
        return;
    };
    let report = &stats.report;
    let (figures, chart) = if body.width >= SIDE_BY_SIDE {
        let [l, _, r] = body.layout(&Layout::horizontal([
            Constraint::Length(FIGURES_WIDTH),
            Constraint::Length(2),
            Constraint::Fill(1),
        ]));
        (l, r)
    } else {
        let lines = figure_lines(app.lang, report).len() as u16;
        let [t, b] = body.layout(&Layout::vertical([
            Constraint::Length(lines.min(body.height)),
            Constraint::Fill(1),
        ]));
        (t, b)
    };
    let lines = text::wrap_lines(&figure_lines(app.lang, report), usize::from(figures.width));
    Paragraph::new(lines).render(figures, buf);
    let by_month = app.stats_span != StatsSpan::Month;
    let [programmes, _, months] = chart.layout(&Layout::vertical([
        Constraint::Length(1 + PROGRAMME_ROWS),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    render_chart(app.lang, &report.total, programmes, buf);
    if by_month {
        render_months(app.lang, report, months, buf);
    }
}

/// 月 / 季度 / 年, the one shown marked, then the period and how far it is
/// counted.
fn render_tabs(app: &App, area: Rect, buf: &mut Buffer) {
    let lang = app.lang;
    let mut spans = Vec::new();
    for s in StatsSpan::ALL {
        let label = match s {
            StatsSpan::Month => lang.pick("月", "Month"),
            StatsSpan::Quarter => lang.pick("季度", "Quarter"),
            StatsSpan::Year => lang.pick("年", "Year"),
        };
        let st = if s == app.stats_span {
            style::selected()
        } else {
            style::dim()
        };
        spans.push(Span::styled(format!(" {label} "), st));
    }
    let period = app.stats_period();
    let mut about = format!("  {}", period.label(lang));
    if let Some(r) = period.range()
        && r.last >= app.today
        && r.first <= app.today
    {
        let d = style::short_date(app.today, lang);
        about.push_str(&tr!(lang, "（截至{d}）", " (up to {d})"));
    } else if period.range().is_some_and(|r| r.first > app.today) {
        about.push_str(&tr!(lang, "（尚未举办）", " (not held yet)"));
    }
    spans.push(Span::styled(about, Style::new()));
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

/// The keys that work here, as the keymap has them.
fn hint_line(app: &App) -> String {
    let k = |a: Action| app.keymap.label(a);
    tr!(
        app.lang,
        "{}/{} 切换月、季度、年  {}/{} 上一期、下一期  {} 回到今天",
        "{}/{} month, quarter, year  {}/{} previous, next  {} today",
        k(Action::Left),
        k(Action::Right),
        k(Action::PrevPage),
        k(Action::NextPage),
        k(Action::Today)
    )
}

/// The figures by programme, the totals, the records, and the sites.
fn figure_lines(lang: Lang, report: &Report) -> Vec<Line<'static>> {
    let t = &report.total;
    let names: Vec<&str> = Programme::ALL
        .iter()
        .map(|p| programme_name(*p, lang))
        .chain([lang.pick("合计", "Total")])
        .collect();
    let name_w = names.iter().map(|n| text::width(n)).max().unwrap_or(0);
    let num_w = Programme::ALL
        .iter()
        .map(|p| t.held_of(*p))
        .chain([held_total(t)])
        .map(|n| n.to_string().len())
        .max()
        .unwrap_or(1);
    let row = |p: Programme| {
        let name = text::pad(programme_name(p, lang), name_w);
        let n = format!("{:>num_w$}", t.held_of(p));
        let a = t.attended_of(p);
        match p {
            Programme::Screening => tr!(
                lang,
                "{name}  {n} 场  观影 {a} 人次",
                "{name}  {n} held  {a} came"
            ),
            Programme::Lecture => tr!(
                lang,
                "{name}  {n} 场  听课 {a} 人次",
                "{name}  {n} held  {a} came"
            ),
            Programme::ServiceDay => {
                let s = t.served;
                tr!(
                    lang,
                    "{name}  {n} 次  服务 {s} 人次",
                    "{name}  {n} held  {s} served"
                )
            }
            Programme::Event => tr!(
                lang,
                "{name}  {n} 场  参加 {a} 人次",
                "{name}  {n} held  {a} came"
            ),
        }
    };
    let mut lines = Vec::new();
    for p in ORDER {
        lines.push(Line::from(Span::styled(
            row(p),
            Style::new().fg(style::programme_color(p)),
        )));
        if p == Programme::Lecture && t.held_of(p) > 0 {
            lines.extend(groups(lang, t));
        }
        // One partner a line: the names are long, and a name cut at the
        // end of a line could not be read (or found).
        if p == Programme::ServiceDay && !t.partners.is_empty() {
            let n = t.partners.len();
            lines.push(Line::from(tr!(
                lang,
                "  合作单位 {n} 家：",
                "  {n} partners:"
            )));
            lines.extend(t.partners.iter().map(|x| Line::from(format!("    {x}"))));
        }
    }
    let (n, people) = (held_total(t), people_total(t));
    let name = text::pad(lang.pick("合计", "Total"), name_w);
    let n = format!("{n:>num_w$}");
    lines.push(Line::from(Span::styled(
        tr!(
            lang,
            "{name}  {n} 场  {people} 人次",
            "{name}  {n} held  {people} people"
        ),
        Style::new().add_modifier(ratatui::style::Modifier::BOLD),
    )));
    lines.push(Line::default());
    let recorded = held_total(t).saturating_sub(t.unrecorded);
    let (u, s) = (t.unrecorded, report.skipped.len());
    lines.push(Line::from(tr!(
        lang,
        "已记录 {recorded} 场，待补记录 {u} 场，暂停 {s} 场",
        "{recorded} recorded, {u} to record, {s} skipped"
    )));
    if report.sites.len() > 1 {
        lines.push(Line::default());
        lines.extend(site_lines(lang, &report.sites));
    }
    lines
}

/// The programme's name in the figures: the events are "other events" here.
fn programme_name(p: Programme, lang: Lang) -> &'static str {
    match p {
        Programme::Event => lang.pick("其他活动", "Other events"),
        _ => style::programme_label(p, lang),
    }
}

/// `  街道老领导    2`: one line a speaker group, the counts in a column.
fn groups(lang: Lang, t: &Figures) -> Vec<Line<'static>> {
    let names: Vec<&str> = SpeakerGroup::ALL
        .iter()
        .map(|g| lang.pick(g.zh(), g.en()))
        .collect();
    let w = names.iter().map(|n| text::width(n)).max().unwrap_or(0);
    names
        .iter()
        .zip(t.lectures_by_group)
        .map(|(name, n)| Line::from(format!("  {} {n:>3}", text::pad(name, w))))
        .collect()
}

/// One line a site: its name, activities held and people reached, names
/// padded to one width.
fn site_lines(lang: Lang, sites: &[(String, Figures)]) -> Vec<Line<'static>> {
    let name_w = sites.iter().map(|(n, _)| text::width(n)).max().unwrap_or(0);
    let mut lines = vec![Line::from(Span::styled(
        tr!(lang, "各站点", "By site"),
        Style::new().add_modifier(ratatui::style::Modifier::BOLD),
    ))];
    for (name, f) in sites {
        let name = text::pad(name, name_w);
        let (n, people) = (held_total(f), people_total(f));
        lines.push(Line::from(tr!(
            lang,
            "{name}  {n:>3} 场  {people:>5} 人次",
            "{name}  {n:>3} held  {people:>5} people"
        )));
    }
    lines
}

fn held_total(f: &Figures) -> u32 {
    f.held.iter().sum()
}

/// The people reached: those who came, and on 乐淘淘 days those served.
fn people_total(f: &Figures) -> u32 {
    Programme::ALL.iter().map(|p| people_of(f, *p)).sum()
}

/// The people a programme reached: for 乐淘淘 the people served.
fn people_of(f: &Figures, p: Programme) -> u32 {
    match p {
        Programme::ServiceDay => f.served,
        _ => f.attended_of(p),
    }
}

/// People reached by programme, as bars: which programme carries the
/// station reads at a glance.
fn render_chart(lang: Lang, t: &Figures, area: Rect, buf: &mut Buffer) {
    if area.height < 2 || area.width < 8 {
        return;
    }
    let [title, bars] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    buf.set_string(
        title.x,
        title.y,
        text::ellipsize(
            lang.pick("人次（按项目）", "People by programme"),
            usize::from(title.width),
        ),
        Style::new().add_modifier(ratatui::style::Modifier::BOLD),
    );
    let data: Vec<Bar<'static>> = ORDER
        .iter()
        .map(|p| {
            Bar::default()
                .label(Line::from(programme_name(*p, lang)))
                .value(u64::from(people_of(t, *p)))
                .style(Style::new().fg(style::programme_color(*p)))
        })
        .collect();
    BarChart::default()
        .direction(Direction::Horizontal)
        .bar_set(BARS)
        .bar_width(1)
        .bar_gap(0)
        .data(BarGroup::default().bars(&data))
        .value_style(style::selected())
        .render(bars, buf);
}

/// People reached month by month, for a quarter or a year: the busy months
/// stand out. The labels are month numbers, narrow enough for any bar.
fn render_months(lang: Lang, report: &Report, area: Rect, buf: &mut Buffer) {
    use chrono::Datelike;
    if area.height < 4 || area.width < 8 {
        return;
    }
    let first = report.period.first;
    let mut months: Vec<(u32, u64)> = Vec::new();
    let mut d = first;
    while d <= report.period.last {
        months.push((d.month(), 0));
        match d.checked_add_months(chrono::Months::new(1)) {
            Some(next) => d = next,
            None => break,
        }
    }
    for row in &report.held {
        // As in the figures: on 乐淘淘 days the people served.
        let people = u64::from(match row.programme {
            Programme::ServiceDay => row.served.unwrap_or(0),
            _ => row.attended.unwrap_or(0),
        });
        if let Some(m) = months.iter_mut().find(|(m, _)| *m == row.date.month()) {
            m.1 += people;
        }
    }
    // Taller bars read no better; the rest of the screen stays calm.
    let [title, bars] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Max(MONTH_ROWS),
    ]));
    buf.set_string(
        title.x,
        title.y,
        text::ellipsize(
            lang.pick("人次（按月）", "People by month"),
            usize::from(title.width),
        ),
        Style::new().add_modifier(ratatui::style::Modifier::BOLD),
    );
    let n = u16::try_from(months.len()).unwrap_or(u16::MAX).max(1);
    // As wide as the area allows, 2 to 5 columns a bar, 1 between.
    let width = (bars.width / n).saturating_sub(1).clamp(2, 5);
    let data: Vec<Bar<'static>> = months
        .iter()
        .map(|(m, people)| {
            Bar::default()
                .label(Line::from(m.to_string()))
                .value(*people)
        })
        .collect();
    BarChart::default()
        .bar_set(BARS)
        .bar_width(width)
        .bar_gap(1)
        .data(BarGroup::default().bars(&data))
        .value_style(style::selected())
        .render(bars, buf);
}
