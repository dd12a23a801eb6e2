//! The working-day calendar: weekends, national holidays and cuti bersama.
