/**
 * Common passwords (等保 level 3: "口令不得为常见弱口令"), normalised to lower case: the most common
 * ones of Chinese leaks (CSDN, 天涯, 12306 lists) and of the international lists, the Chinese
 * patterns (拼音 + 生日/年份, woaini1314, qq + number, 键盘路径 such as 1qaz@WSX), plus a check of
 * the simple patterns behind most of them: a common word or 拼音 surname and a common number.
 */

const LIST = `
123456 123456789 12345678 1234567890 111111 000000 11111111 00000000 123123 a123456 a12345678
aa123456 aa12345678 abc123 abc12345 abc123456 abcd1234 abcd12345 abcd@1234 abc@123 abc@1234
password password1 password123 password@123 p@ssw0rd p@ssword passw0rd p@ssw0rd1 p@ssw0rd123
p@55w0rd pa$$w0rd pa$$word qwerty qwerty123 qwerty@123 qwe123 qwe@123 qweasd qweasdzxc
qweasd123 qwer1234 qwer@1234 qwer1234! qwer!234 qwer123! qwert12345 qwerasdf qwerasdfzxcv
1qaz2wsx 1qaz@wsx 1qaz2wsx3edc 1qaz@wsx3edc 1qaz!qaz 1q2w3e4r 1q2w3e4r5t 1q2w3e 1q2w3e4r5t6y
1q2w3e4r! 1q2w3e4r@ 2wsx3edc 2wsx#edc zaq12wsx zaq1@wsx zaq!2wsx !qaz2wsx !qaz@wsx !qaz1qaz
qaz123 qaz@123 qazwsx qazwsx123 qazwsxedc qazwsx@123 asdf1234 asdf@1234 asdfghjkl asd123
zxcvbnm zxc123 zxc@123 zxcv1234 zxcv@1234 1234qwer 1234@qwer 1234asdf 123qwe 123qwe!@#
123qweasd 123qweasdzxc 123456qwe 123456aa 123456a 123456abc 123abc 123@abc a1b2c3 a1b2c3d4
aa123123 aa112233 aa147258 aaa123 aaa111 aaaaaa a1234567 a123123 a111111 a000000 a5201314
admin admin123 admin888 admin@123 admin@1234 admin@123456 admin123! admin123456 admin1234
admin#123 admin!123 admin@2023 admin@2024 admin@2025 admin@2026 administrator root root123
root@123 root!23 root1234 toor system system123 sys@123 test test123 test@123 test1234
guest guest123 user user123 user@123 manager manager123 super123 superadmin sa123456
oracle oracle123 huawei huawei123 huawei@123 huawei@123456 changeme welcome welcome1
welcome123 welcome@123 hello123 hello@123 iloveyou iloveyou1 iloveyou! letmein monkey dragon
football baseball master sunshine shadow princess trustno1 starwars whatever freedom
woaini woaini1314 woaini520 woaini123 woaini1314! woaini@1314 woaini@520 woaini521 woaiwojia
5201314 52013145201314 1314520 520520 5211314 woaini1314520 iloveyou1314 aini1314 aini520
qq123456 qq123456! qq@123456 qq111111 qq5201314 qq666666 qq888888 qq1234 qq12345678
qwe123456 qaz123456 zxc123456 asd123456 abc123456! a123456! a123456@ aa123456! aa123456@
aa@123456 aa1234! aa12345! aa123456. abc123!@# abc!@#123 qwe!@#123 !@#123qwe !@#qwe123
!qaz@wsx#edc 1qaz@wsx#edc qwer!@#$ qwe!@# 1234!@#$ 123!@#qwe p@ssw0rd! p@ssw0rd@123
china china123 china@123 china1949 beijing beijing123 beijing2008 shanghai shanghai123
zhongguo zhongguo123 zhonghua woshishui nihao nihao123 nihao@123 wodemima mima123 mima@123
wangjie zhangwei wangwei wangfang lijing liwei zhangmin liuyang 
888888 8888888 88888888 666666 6666666 66666666 168168 518518 147258 147258369 159357
159753 123654 123321 112233 11223344 121212 123qwe123 987654321 9876543210 654321 0123456789
`;

/** The shipped list, lower case. */
export const commonPasswords: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));

/** Words that, followed or preceded by a common number, make a guessable password. */
const WORDS = new Set(
  `
admin administrator root user test guest system sys super manager master oracle huawei
password passwd pass pwd mima wodemima welcome hello hi love iloveyou woaini aini nihao
qq wechat weixin china zhongguo beijing shanghai qwe qwer qwert qwerty asd asdf asdfg zxc zxcv
zxcvb qaz wsx qazwsx qweasd qweasdzxc abc abcd abcde abcdef abcdefg
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang
xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei
su lu ding ren shen yao jin cui tan fan wan shi gu hou qian meng bai long qin kong xue lei
`
    .split(/\s+/)
    .filter(Boolean),
);

const COMMON_NUMBERS = new Set(
  `1 12 123 1234 123456 1234567 12345678 123456789 1234567890 520 521 1314 5201314 1314520 666
6666 666666 888 8888 888888 168 518 110 119 321 4321 654321 789 987 147258 159357 112233 11223344
123123 123321 0 00 000 0000 007 2008`
    .split(/\s+/)
    .filter(Boolean),
);

const isYear = (d: string) => /^(19[5-9]\d|20[0-3]\d)$/.test(d);
const isMonthDay = (mm: string, dd: string) => {
  const m = Number(mm);
  const d = Number(dd);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
};
/** A year, a birthday (yyyymmdd, yymmdd, mmdd), a repeated digit or a popular number. */
function weakNumber(d: string): boolean {
  if (COMMON_NUMBERS.has(d) || /^(\d)\1+$/.test(d) || isYear(d)) return true;
  if (d.length === 8) return isYear(d.slice(0, 4)) && isMonthDay(d.slice(4, 6), d.slice(6));
  if (d.length === 6) return isMonthDay(d.slice(2, 4), d.slice(4));
  if (d.length === 4) return isMonthDay(d.slice(0, 2), d.slice(2));
  return false;
}
const weakWord = (w: string) => WORDS.has(w) || /^(.)\1*$/.test(w);

/** @ → a, 0 → o, $ → s, as in p@ssw0rd. */
const unLeet = (s: string) => s.replace(/@/g, 'a').replace(/0/g, 'o').replace(/\$/g, 's');

/** True when the password is on the list or is a common word/surname joined to a common number. */
export function isCommonPassword(password: string): boolean {
  const s = password.trim().toLowerCase();
  if (commonPasswords.has(s) || commonPasswords.has(unLeet(s))) return true;
  if (WORDS.has(s.replace(/[^a-z]/g, '')) && /^[^0-9]*$/.test(s)) return true; // Password!, Admin@#
  const wordFirst = /^([a-z]+)[^a-z0-9]*(\d+)[^a-z0-9]*$/.exec(s);
  if (wordFirst && weakWord(wordFirst[1]!) && weakNumber(wordFirst[2]!)) return true;
  const numberFirst = /^(\d+)[^a-z0-9]*([a-z]+)[^a-z0-9]*$/.exec(s);
  if (numberFirst && weakWord(numberFirst[2]!) && weakNumber(numberFirst[1]!)) return true;
  return false;
}
