/** Paths of the staff app, under /app (Vietnamese without diacritics, like the public portal). */
export const PATHS = {
  home: '/',
  units: '/don-vi',
  accounts: '/tai-khoan',
  audit: '/nhat-ky',
  profile: '/ca-nhan',
} as const;
