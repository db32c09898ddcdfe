// Writes CSV statements in the encodings banks export besides UTF-8 (run once, commit the output):
//   npx tsx libs/adapters/files/src/statements/__fixtures__/write-encoded-csv-fixtures.ts
// Each `<name>.csv` gets `<name>.expected.json` with the rows in Unicode, as a reader would type them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const dir = fileURLToPath(new URL('./csv-encodings/', import.meta.url));

interface Row {
  date: string;
  description: string;
  amount: string;
}

function write(name: string, encoding: string, header: string, rows: Row[], options: { bom?: boolean; delimiter?: string } = {}): void {
  const d = options.delimiter ?? ',';
  const text = [header, ...rows.map((r) => [r.date, r.description, r.amount].join(d))].join('\r\n') + '\r\n';
  const body = iconv.encode(text, encoding, { addBOM: options.bom ?? false });
  writeFileSync(join(dir, `${name}.csv`), body);
  writeFileSync(join(dir, `${name}.expected.json`), `${JSON.stringify({ encoding, rows }, null, 2)}\n`);
}

const japanese: Row[] = [
  { date: '2026-03-01', description: 'セブンイレブン 渋谷店 お弁当', amount: '-598.00' },
  { date: '2026-03-03', description: '東京電力 電気料金 三月分', amount: '-8420.00' },
  { date: '2026-03-10', description: '給与振込 株式会社山田商事', amount: '312000.00' },
  { date: '2026-03-15', description: 'ファミリーマート 新宿駅前店', amount: '-324.00' },
  { date: '2026-03-20', description: '楽天カード 口座振替 ご利用代金', amount: '-45210.00' },
  { date: '2026-03-25', description: '東京ガス ガス料金 三月分 自動引落', amount: '-5130.00' },
];
write('01-euc-jp', 'euc-jp', '日付,摘要,金額', japanese);
write('02-shift-jis', 'shift_jis', '日付,摘要,金額', japanese);

const korean: Row[] = [
  { date: '2026-04-01', description: '스타벅스 강남역점 아메리카노', amount: '-4500.00' },
  { date: '2026-04-05', description: '한국전력공사 전기요금 자동이체', amount: '-38200.00' },
  { date: '2026-04-10', description: '급여 입금 주식회사 한빛전자', amount: '3250000.00' },
  { date: '2026-04-12', description: '이마트 성수점 생활용품 구매', amount: '-67800.00' },
  { date: '2026-04-20', description: '서울도시가스 가스요금 납부', amount: '-21400.00' },
];
write('03-euc-kr', 'euc-kr', '거래일자,적요,금액', korean);

const chinese: Row[] = [
  { date: '2026-05-02', description: '星巴克咖啡 北京国贸店 消费', amount: '-36.00' },
  { date: '2026-05-06', description: '国家电网 电费 自动扣款', amount: '-218.50' },
  { date: '2026-05-10', description: '工资收入 北京科技有限公司', amount: '15800.00' },
  { date: '2026-05-18', description: '中国移动 话费充值 手机缴费', amount: '-100.00' },
  { date: '2026-05-25', description: '京东商城 网上购物 家用电器', amount: '-1299.00' },
];
write('04-gb18030', 'gb18030', '交易日期,摘要,金额', chinese);

const russian: Row[] = [
  { date: '2026-06-01', description: 'Оплата услуг связи МТС', amount: '-650.00' },
  { date: '2026-06-04', description: 'Перевод от Иванова Петра Сергеевича', amount: '15000.00' },
  { date: '2026-06-09', description: 'Покупка в магазине Пятёрочка продукты', amount: '-1873.40' },
  { date: '2026-06-15', description: 'Заработная плата за май ООО Ромашка', amount: '87500.00' },
  { date: '2026-06-21', description: 'Коммунальные платежи квартплата июнь', amount: '-6240.15' },
];
write('05-windows-1251', 'windows-1251', 'Дата;Описание;Сумма', russian.map((r) => ({ ...r })), { delimiter: ';' });

const french: Row[] = [
  { date: '2026-07-01', description: 'Boulangerie Pâtisserie Éclair', amount: '-7.80' },
  { date: '2026-07-03', description: 'Virement reçu Zoé Müller', amount: '250.00' },
];
write('06-utf16le-bom', 'utf-16le', 'Date,Libellé,Montant', french, { bom: true });
write('07-utf16be-no-bom', 'utf-16be', 'Date,Libellé,Montant', french);
