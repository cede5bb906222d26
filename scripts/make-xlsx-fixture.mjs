// Writes fixtures/batch/applicants.xlsx: a workbook in the shape a data office's Excel gives (Chinese headers,
// 是/否, blank cells, numbers as numbers, a date, rich text, a formula with its saved result, a few bad rows), with a
// second sheet before which the applicants are not. Run: node scripts/make-xlsx-fixture.mjs (the file is committed).
import ExcelJS from 'exceljs';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('../fixtures/batch/applicants.xlsx', import.meta.url));
const workbook = new ExcelJS.Workbook();
// Fixed dates: the same script gives the same content.
workbook.created = workbook.modified = new Date(Date.UTC(2024, 5, 30));
workbook.creator = 'fixtures';

const sheet = workbook.addWorksheet('申请人');
sheet.addRow(['编号', '姓名', '申请人类型', '学历', '职称', '软件和信息服务业', '相关专业', '毕业年度高校毕业生', '离校年限', '年薪', '劳动合同年限', '社保月数', '企业规模', '填表日期', '备注']);
const rows = [
  // A number stored as a number, a yes/no as 是/否, the salary as a number formatted with separators.
  ['A001', '张伟', '个人', '硕士', '中级', '是', '是', '否', 3, 210000, 3, 36, '小型', new Date(Date.UTC(2024, 5, 1)), '后端开发, 金融科技'],
  // Blank cells (null) are unknown; the contract years a formula with its saved result.
  ['A002', '李娜', '用人单位', '本科', '无', '是', '是', '是', 0, 96000, { formula: '1+1', result: 2 }, 6, '小型', null, '应届生\n第二行备注'],
  // Rich text in the degree, a boolean cell in the sector column.
  ['A003', '王芳', '个人', { richText: [{ text: '博' }, { font: { bold: true }, text: '士' }] }, '高级', true, '是', '否', 10, 520000, 5, 60, '中型', null, null],
  // Bad: PhD is not a degree, and 十几 ("ten-odd") not a number of months (two bad cells, both reported).
  ['A004', '刘洋', '个人', 'PhD', null, '是', null, null, null, null, null, '十几', null, null, '学历填写有误'],
  // Bad: a date where a number of months belongs.
  ['A005', '陈静', '个人', '本科', null, '是', '是', '否', 1, null, 1, new Date(Date.UTC(2024, 0, 12)), '微型', null, null],
  // A blank row follows (skipped, as in CSV); then a row with an error cell where a number belongs.
  [],
  ['A006', '赵磊', '个人', '大专', '初级', '否', '否', '否', 5, 80000, 1, { error: '#N/A' }, '大型', null, '他说"转岗"'],
  // An id that looks like a formula stays text, in and out.
  ['=HYPERLINK("x")', '孙丽', '个人', '本科', null, '是', null, null, null, null, null, null, null, null, '只填了部分'],
];
for (const values of rows) sheet.addRow(values);
sheet.getColumn(10).numFmt = '#,##0';
sheet.getColumn(14).numFmt = 'yyyy/m/d';
sheet.getCell('L6').numFmt = 'yyyy/m/d';
sheet.views = [{ state: 'frozen', ySplit: 1 }];

const notes = workbook.addWorksheet('说明');
notes.addRow(['本表为测试数据']);

await workbook.xlsx.writeFile(out);
console.log(`wrote ${out}`);
