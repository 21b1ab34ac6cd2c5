//! Writes valid schedule folders of any size, for benchmarks and load tests:
//! a network of `sites` sites (the centre plus stations) over `years` years,
//! with the real mix of programmes, or one station whose activities are all
//! written out with their own dates (`explicit`).
//!
//! The output is deterministic for a given [`GenOptions`] and passes
//! `stationcal check` without errors (rule series skip statutory holidays).
//! Used by `examples/gen_schedule.rs`, the benchmarks and the tests.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenOptions {
    /// How many sites: 1 writes a single station folder (unless `network`),
    /// more write a network folder (`network.ron` and one folder per site).
    pub sites: usize,
    /// How many years, from January 1st of `first_year`.
    pub years: u32,
    pub first_year: i32,
    /// Write a network folder even for one site.
    pub network: bool,
    /// Write every activity with its own date (lecture sessions and one-off
    /// events), no rules: the shape other calendars store.
    pub explicit: bool,
    /// Varies titles, times and weekdays.
    pub seed: u64,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            sites: 37,
            years: 10,
            first_year: 2026,
            network: false,
            explicit: false,
            seed: 1,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenSummary {
    /// Entries written in the files (sessions, showings, events, months...).
    pub entries: usize,
    pub bytes: usize,
    pub sites: usize,
}

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// Residential areas for site names; more are numbered.
const AREAS: [&str; 36] = [
    "紫卫",
    "四村",
    "山龙",
    "梅州",
    "东礁",
    "临潮",
    "合浦",
    "桥园",
    "辰凯",
    "海棠",
    "金城",
    "卫零",
    "滨海",
    "三村",
    "七村",
    "九村",
    "十二村",
    "十三村",
    "东村",
    "西村",
    "南村",
    "北村",
    "朱行",
    "沪杭",
    "卫清",
    "隆安",
    "龙胜",
    "学府",
    "康城",
    "金山湾",
    "红旗",
    "戚家墩",
    "新城",
    "和平",
    "蒙山",
    "板桥",
];

const FILMS: [(&str, u16, u16); 24] = [
    ("开国大典", 1989, 163),
    ("上甘岭", 1956, 124),
    ("地道战", 1965, 97),
    ("小兵张嘎", 1963, 100),
    ("闪闪的红星", 1974, 100),
    ("英雄儿女", 1964, 113),
    ("铁道游击队", 1956, 107),
    ("党的女儿", 1958, 102),
    ("焦裕禄", 1990, 100),
    ("建国大业", 2009, 138),
    ("建党伟业", 2011, 120),
    ("长津湖", 2021, 176),
    ("我和我的祖国", 2019, 155),
    ("横空出世", 1999, 115),
    ("离开雷锋的日子", 1996, 100),
    ("孔繁森", 1995, 110),
    ("红河谷", 1997, 113),
    ("冲出亚马逊", 2002, 108),
    ("海鹰", 1959, 95),
    ("南征北战", 1952, 106),
    ("林海雪原", 1960, 107),
    ("红色娘子军", 1961, 110),
    ("烈火中永生", 1965, 155),
    ("洪湖赤卫队", 1961, 110),
];

const LECTURES: [&str; 20] = [
    "从“四史”看石化街道社区精神的传承与发展",
    "石化街道的“创业”故事",
    "我深爱的这座城，我与石化的这些年",
    "红船起航：中国共产党的诞生",
    "从石库门到天安门",
    "遵义会议：伟大的历史转折",
    "长征精神永放光芒",
    "延安岁月与实事求是",
    "1937：金山卫登陆与金山人民的抗争",
    "抗美援朝：保家卫国的立国之战",
    "“两弹一星”精神",
    "1972：上海石化在金山卫海滩起步",
    "围海筑堤：金山卫滩涂上的建设大军",
    "三班倒的日子：我的父亲母亲",
    "伟大的觉醒：改革开放的历史起点",
    "浦东开发开放与上海的腾飞",
    "从“凭票供应”到“菜篮子工程”",
    "“1+26+10”：家门口的党群服务圈",
    "“红色亮牌”与“8+3”夜间志愿服务",
    "“化二代”眼中的父辈",
];

const SURNAMES: [&str; 12] = [
    "沈", "顾", "陆", "张", "王", "李", "陈", "朱", "钱", "周", "徐", "蒋",
];
const GIVEN: [&str; 12] = [
    "国良", "建华", "美芳", "一鸣", "志强", "晓东", "丽萍", "卫东", "海燕", "文杰", "秀英", "振华",
];
const GROUPS: [&str; 3] = ["街道老领导", "机关青年党员", "石化化二代"];

const ONE_OFFS: [&str; 16] = [
    "重阳节敬老活动",
    "楼组长议事会",
    "冬至包馄饨 邻里一家亲",
    "消防安全进楼组",
    "垃圾分类志愿宣传",
    "学雷锋志愿服务日",
    "“七一”主题党日暨党员政治生日",
    "元宵节猜灯谜",
    "老年人智能手机培训",
    "家庭医生签约咨询",
    "反诈宣传进小区",
    "端午包粽子 传承好家风",
    "中秋邻里联欢会",
    "平安小区议事会",
    "健康讲座：高血压的预防",
    "社区运动会",
];

const THEMES: [(&str, &str); 12] = [
    ("心灵之窗乐", "心理健康咨询"),
    ("便民水务乐", "水费查询与缴费指导"),
    ("房产咨询乐", "房屋买卖与租赁政策解答"),
    ("健康义诊乐", "测血压血糖"),
    ("法律援助乐", "婚姻家庭法律咨询"),
    ("家电维修乐", "小家电义务维修"),
    ("反诈宣传乐", "防范电信诈骗讲解"),
    ("防汛防台乐", "家庭应急包配置"),
    ("垃圾分类乐", "旧物换绿植"),
    ("智慧助老乐", "智能手机使用指导"),
    ("就业服务乐", "岗位推荐"),
    ("文明养犬乐", "犬只免疫登记"),
];

const ROOMS: [&str; 3] = ["党群服务站活动室", "睦邻议事厅", "阅览角"];
const CENTRE_ROOMS: [(&str, u32); 4] = [
    ("多功能厅", 120),
    ("党员活动室", 40),
    ("阅览室", 30),
    ("会议室", 24),
];

const WEEKDAYS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

fn wd(w: Weekday) -> &'static str {
    WEEKDAYS[w.num_days_from_monday() as usize]
}

fn d(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Writes the schedule into `out` (created; must not hold a schedule yet).
pub fn write(out: &Path, opts: &GenOptions) -> io::Result<GenSummary> {
    std::fs::create_dir_all(out)?;
    let mut summary = GenSummary::default();
    let network = opts.network || opts.sites > 1;
    if !network {
        let files = site_files(0, "石化街道社区党群服务中心", opts);
        write_files(out, &files, &mut summary)?;
        summary.sites = 1;
        return Ok(summary);
    }
    let mut net = String::from(
        "// 生成的测试数据（stationcal gen_schedule），仅供性能测试。\nNetwork(\n    name: \"石化街道\",\n    sites: [\n",
    );
    for i in 0..opts.sites {
        let (name, folder) = site_name(i);
        let _ = writeln!(net, "        Site(name: \"{name}\", folder: \"{folder}\"),");
        let files = site_files(i, &name, opts);
        let dir = out.join(&folder);
        std::fs::create_dir_all(&dir)?;
        write_files(&dir, &files, &mut summary)?;
    }
    net.push_str("    ],\n)\n");
    summary.bytes += net.len();
    std::fs::write(out.join("network.ron"), net)?;
    summary.sites = opts.sites;
    Ok(summary)
}

/// The name and folder of site `i`: the centre first, then the stations.
pub fn site_name(i: usize) -> (String, String) {
    if i == 0 {
        return ("石化街道社区党群服务中心".to_owned(), "中心".to_owned());
    }
    let area = AREAS
        .get(i - 1)
        .map_or_else(|| format!("第{i}"), |a| (*a).to_owned());
    (format!("{area}居民区党群服务站"), format!("{area}居民区"))
}

fn write_files(
    dir: &Path,
    files: &[(&'static str, String, usize)],
    summary: &mut GenSummary,
) -> io::Result<()> {
    for (name, text, entries) in files {
        std::fs::write(dir.join(name), text)?;
        summary.bytes += text.len();
        summary.entries += entries;
    }
    Ok(())
}

/// The files of one site: (file name, text, entries).
// Long on purpose: it is the template of a site's five files, written in
// the order they are read; split, the template would no longer read as one.
fn site_files(i: usize, name: &str, opts: &GenOptions) -> Vec<(&'static str, String, usize)> {
    let mut rng = Rng(opts.seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
    // The centre runs more; an explicit schedule has a station's mix.
    let centre = i == 0 && !opts.explicit;
    let first = NaiveDate::from_ymd_opt(opts.first_year, 1, 1).unwrap_or_default();
    let last =
        NaiveDate::from_ymd_opt(opts.first_year + opts.years as i32 - 1, 12, 31).unwrap_or(first);
    let rooms: Vec<(&str, u32)> = if centre {
        CENTRE_ROOMS.to_vec()
    } else {
        ROOMS
            .iter()
            .map(|r| (*r, 20 + rng.below(30) as u32))
            .collect()
    };
    let mut files = Vec::new();

    let mut station = format!(
        "// 生成的测试数据。\nStation(\n    name: \"{name}\",\n    contact: \"石化街道（测试地址）　电话 021-5794{i:04}\",\n    rooms: [\n"
    );
    for (r, seats) in &rooms {
        let _ = writeln!(station, "        Room(name: \"{r}\", seats: {seats}),");
    }
    station.push_str("    ],\n)\n");
    files.push(("station.ron", station, rooms.len()));

    // Lectures: a catalogue and dated sessions (explicit in every mode).
    let mut lec = String::from("Lectures(\n    series: \"'四史'滨海学堂\",\n    catalogue: [\n");
    for (k, t) in LECTURES.iter().enumerate() {
        let speaker = format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN));
        let _ = writeln!(
            lec,
            "        Lecture(id: \"L{k:02}\", title: \"{t}\", speaker: \"{speaker}\", group: \"{}\", minutes: {}),",
            rng.pick(&GROUPS),
            30 + rng.below(4) * 5
        );
    }
    lec.push_str("    ],\n    sessions: [\n");
    let mut sessions = 0;
    // The sessions given, for their records (written last, see below).
    let mut given = Vec::new();
    let lecture_room = rooms[usize::from(centre)].0;
    let mut day = first;
    while day <= last {
        // Centre: Tuesday morning and Thursday evening every week; stations:
        // an afternoon in the second and fourth week, each its own weekday.
        let take = match (centre, day.weekday()) {
            (true, Weekday::Tue) => Some(("09:30", "10:20")),
            (true, Weekday::Thu) => Some(("19:00", "19:50")),
            (false, w)
                if w.num_days_from_monday() as usize == (i + 3) % 5
                    && matches!((day.day() - 1) / 7, 1 | 3) =>
            {
                Some(("14:00", "14:45"))
            }
            _ => None,
        };
        if let Some((s, e)) = take {
            let k = rng.below(LECTURES.len());
            given.push((k, day));
            let _ = writeln!(
                lec,
                "        Session(lecture: \"L{k:02}\", date: \"{}\", start: \"{s}\", end: \"{e}\", room: \"{lecture_room}\"),",
                d(day)
            );
            sessions += 1;
        }
        day = day + Days::new(1);
    }
    lec.push_str("    ],\n)\n");
    files.push(("lectures.ron", lec, LECTURES.len() + sessions));

    let mut ev = String::from("Events(\n    events: [\n");
    let mut events = 0;
    let mut event = |ev: &mut String, body: String| {
        events += 1;
        let _ = writeln!(ev, "        Event(id: \"E{events:05}\", {body}),");
    };
    // The weekly "8+3" evening service, the monthly 睦邻党课 and reading salon.
    let evening_days: Vec<Weekday> = if centre {
        vec![Weekday::Mon, Weekday::Wed, Weekday::Fri]
    } else if opts.explicit {
        vec![Weekday::Tue, Weekday::Thu]
    } else {
        vec![Weekday::try_from((i % 7) as u8).unwrap_or(Weekday::Mon)]
    };
    let room0 = rooms[0].0;
    let reading_room = rooms[rooms.len().min(3) - 1].0;
    let salon_day = 5 + rng.below(20) as u32;
    let lesson_day = 5 + rng.below(20) as u32;
    let screening_day = if centre {
        Weekday::Wed
    } else {
        Weekday::try_from(((i / 4 + 1) % 5) as u8).unwrap_or(Weekday::Fri)
    };
    let has_screenings = !opts.explicit && (centre || i.is_multiple_of(4));
    let has_service_days = !opts.explicit && i % 3 == 2;
    if opts.explicit {
        // Every date written out as a one-off event.
        let mut day = first;
        while day <= last {
            if evening_days.contains(&day.weekday()) {
                event(
                    &mut ev,
                    format!(
                        "title: \"“8+3”夜间志愿服务\", date: \"{}\", start: \"19:00\", end: \"21:00\", place: \"小区各楼组\"",
                        d(day)
                    ),
                );
            }
            if day.day() == lesson_day {
                event(
                    &mut ev,
                    format!(
                        "title: \"睦邻党课\", date: \"{}\", start: \"19:00\", end: \"20:00\", room: \"{room0}\"",
                        d(day)
                    ),
                );
            }
            if day.day() == salon_day {
                event(
                    &mut ev,
                    format!(
                        "title: \"读书沙龙\", date: \"{}\", start: \"14:30\", end: \"16:00\", room: \"{reading_room}\"",
                        d(day)
                    ),
                );
            }
            if has_screenings && day.weekday() == screening_day {
                let (film, _, _) = FILMS[rng.below(FILMS.len())];
                event(
                    &mut ev,
                    format!(
                        "title: \"红色电影：{film}\", date: \"{}\", start: \"14:00\", end: \"16:00\", room: \"{}\"",
                        d(day),
                        rooms[0].0
                    ),
                );
            }
            day = day + Days::new(1);
        }
    } else {
        let days: Vec<String> = evening_days
            .iter()
            .map(|w| format!("\"{}\"", wd(*w)))
            .collect();
        let start = first_weekday(first, evening_days[0]);
        event(
            &mut ev,
            format!(
                "title: \"“8+3”夜间志愿服务\", date: \"{}\", start: \"19:00\", end: \"21:00\", place: \"小区各楼组\", repeat: Weekly, weekdays: [{}], until: \"{}\", on_holiday: Skip",
                d(start),
                days.join(", "),
                d(last)
            ),
        );
        let monthly = |dom: u32| {
            NaiveDate::from_ymd_opt(first.year(), 1, dom)
                .or_else(|| NaiveDate::from_ymd_opt(first.year(), 1, 28))
                .unwrap_or(first)
        };
        event(
            &mut ev,
            format!(
                "title: \"睦邻党课\", date: \"{}\", start: \"19:00\", end: \"20:00\", room: \"{room0}\", repeat: Monthly, until: \"{}\", on_holiday: Skip",
                d(monthly(lesson_day)),
                d(last)
            ),
        );
        event(
            &mut ev,
            format!(
                "title: \"读书沙龙\", date: \"{}\", start: \"14:30\", end: \"16:00\", room: \"{reading_room}\", repeat: Monthly, until: \"{}\", on_holiday: Skip",
                d(monthly(salon_day)),
                d(last)
            ),
        );
    }
    // One-off events: two a month.
    let per_month = 2;
    for y in 0..opts.years as i32 {
        for m in 1..=12 {
            for k in 0..per_month {
                let dom = 1 + rng.below(28) as u32;
                let Some(date) = NaiveDate::from_ymd_opt(first.year() + y, m, dom) else {
                    continue;
                };
                let hour = 9 + rng.below(6) + k;
                let title = rng.pick(&ONE_OFFS);
                let where_ = if rng.below(3) == 0 {
                    "place: \"小区中心广场\"".to_owned()
                } else {
                    // Away from the evening rooms: a morning or afternoon slot.
                    format!("room: \"{}\"", rooms[rooms.len() - 1].0)
                };
                event(
                    &mut ev,
                    format!(
                        "title: \"{title}\", date: \"{}\", start: \"{hour:02}:00\", end: \"{hour:02}:50\", {where_}, organiser: \"{name}\"",
                        d(date)
                    ),
                );
            }
        }
    }
    ev.push_str("    ],\n)\n");
    files.push(("events.ron", ev, events));

    if has_screenings {
        let room = rooms[0].0;
        let mut s = format!(
            "Screenings(\n    slot: WeeklySlot(weekday: \"{}\", start: \"14:00\", end: \"16:00\", room: \"{room}\", from: \"{}\", until: \"{}\", on_holiday: Skip),\n    films: [\n",
            wd(screening_day),
            d(first_weekday(first, screening_day)),
            d(last)
        );
        for (k, (t, y, mins)) in FILMS.iter().enumerate() {
            let _ = writeln!(
                s,
                "        Film(id: \"F{k:02}\", title: \"{t}\", year: {y}, minutes: {mins}),"
            );
        }
        s.push_str("    ],\n    programme: [\n");
        let mut entries = FILMS.len();
        let mut day = first_weekday(first, screening_day);
        while day <= last {
            let _ = writeln!(
                s,
                "        Showing(date: \"{}\", film: \"F{:02}\"),",
                d(day),
                rng.below(FILMS.len())
            );
            entries += 1;
            day = day + Days::new(7);
        }
        s.push_str("    ],\n    exceptions: [],\n)\n");
        files.push(("screenings.ron", s, entries));
    }
    if has_service_days {
        let mut s = format!(
            "ServiceDays(\n    name: \"乐淘淘\",\n    host: \"{}党总支\",\n    partners: [\"石化街道社区卫生服务中心\", \"金山区自来水公司石化营业所\"],\n    rule: MonthlyRule(nth: 3, weekday: \"周六\", start: \"09:00\", end: \"11:30\", room: \"{room0}\", from: \"{}\", until: \"{}\", on_holiday: Skip),\n    months: [\n",
            name.trim_end_matches("党群服务站"),
            d(first),
            d(last)
        );
        let mut entries = 0;
        for y in 0..opts.years as i32 {
            for m in 1..=12 {
                let (theme, service) = THEMES[(m as usize + y as usize) % THEMES.len()];
                let _ = writeln!(
                    s,
                    "        MonthEntry(month: \"{:04}-{m:02}\", theme: \"{theme}\", services: [\"{service}\"]),",
                    first.year() + y
                );
                entries += 1;
            }
        }
        s.push_str("    ],\n)\n");
        files.push(("service-days.ron", s, entries));
    }
    // Records of every lecture session: sign-ups, attendance, who. Drawn
    // last, so the other files are the same as without records.
    let mut rec = String::from("Records(\n    records: [\n");
    for (k, day) in &given {
        let signed = 15 + rng.below(30);
        let came = signed - rng.below(6);
        let _ = writeln!(
            rec,
            "        Record(date: \"{}\", activity: Lecture(\"L{k:02}\"), signed_up: {signed}, attended: {came}, recorded_by: \"{}{}\"),",
            d(*day),
            rng.pick(&SURNAMES),
            rng.pick(&GIVEN)
        );
    }
    rec.push_str("    ],\n)\n");
    files.push(("records.ron", rec, given.len()));
    files
}

fn first_weekday(from: NaiveDate, w: Weekday) -> NaiveDate {
    let ahead = (7 + w.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Days::new(u64::from(ahead))
}
