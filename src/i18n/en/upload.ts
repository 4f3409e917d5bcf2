export const upload = {
  'upload.tooLarge': 'File too large: a roster file may be at most {mb} MB. Remove extra sheets or pictures, or save it as CSV, and try again.',
  'upload.tooManyRows': 'More than {max} rows: import at most {max} rows at a time; split the roster into several files.',
  'upload.tooManyColumns': 'Too many columns: a roster has at most {max} columns, and cell {cell} is beyond them. Delete the extra content on the right and try again.',
  'upload.unpackedTooLarge': 'This Excel file unpacks to more than {mb} MB, which is not a roster; it was refused. Keep only the roster sheet, or save it as CSV, and try again.',
  'upload.tooSlow': 'Reading this file took too long (over {seconds} s) and was stopped. Save it as CSV or split it, and try again.',
  'upload.tooComplex': 'This file is too complex to read. Save it as CSV or split it, and try again.',
  'upload.busy': 'Many rosters are being uploaded right now; please try again in a minute.',
  'upload.limits': 'At most {rows} rows and {columns} columns, files up to {mb} MB.',
} as const;
