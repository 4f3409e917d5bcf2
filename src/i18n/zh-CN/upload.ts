import type { Catalogue } from '../index.ts';

export const upload = {
  'upload.tooLarge': '文件太大：名单文件最大 {mb} MB。请删掉多余的工作表或图片，或另存为 CSV 后重试。',
  'upload.tooManyRows': '行数超过 {max} 行：一次最多导入 {max} 行，请把名单分成几个文件分别导入。',
  'upload.tooManyColumns': '列数太多：名单最多 {max} 列，单元格 {cell} 超出了范围。请删掉表格右侧多余的内容后重试。',
  'upload.unpackedTooLarge': '这个 Excel 文件解压后超过 {mb} MB，不像是一份名单，已拒绝。请只保留名单所在的工作表，或另存为 CSV 后重试。',
  'upload.tooSlow': '这个文件读取太久（超过 {seconds} 秒），已停止。请另存为 CSV，或分成几个文件后重试。',
  'upload.tooComplex': '这个文件太复杂，无法读取。请另存为 CSV，或分成几个文件后重试。',
  'upload.busy': '现在上传的名单较多，请稍等一分钟后重试。',
  'upload.limits': '一次最多 {rows} 行、{columns} 列，文件最大 {mb} MB。',
} as const;

declare module '../index.ts' {
  interface Messages extends Catalogue<typeof upload> {}
}
