import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HolidayCalendar, type CalendarDayKind } from './holiday-calendar.js';

/** How long a loaded calendar is trusted; an edited `holiday_calendar` table is picked up within this. */
const CACHE_MS = 5 * 60 * 1000;

/** Reads the holiday calendar (data in `holiday_calendar`) and keeps it for a few minutes. */
@Injectable()
export class HolidayCalendarRepository {
  private cached: { calendar: HolidayCalendar; at: number } | undefined;
  private loading: Promise<HolidayCalendar> | undefined;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async current(): Promise<HolidayCalendar> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.calendar;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load(): Promise<HolidayCalendar> {
    const rows = (await this.ds.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM holiday_calendar ORDER BY day`)) as { day: string; kind: CalendarDayKind }[];
    const calendar = new HolidayCalendar(rows);
    this.cached = { calendar, at: Date.now() };
    return calendar;
  }
}
