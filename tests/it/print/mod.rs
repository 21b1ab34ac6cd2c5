//! The printed outputs: text, HTML sheets, the flyer, iCalendar and the PNG
//! image, checked in the browser, by OCR, by a QR decoder and by Python's
//! icalendar where those are installed.

mod browser;
mod holidays;
mod ics_python;
mod png;
mod sample;
