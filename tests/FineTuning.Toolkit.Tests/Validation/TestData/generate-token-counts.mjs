// Regenerates tiktoken-counts.json: reference token counts for a mixed corpus (emoji, CJK, code, long texts) from
// OpenAI's tiktoken as published on npm: `tiktoken` (the WASM build of the Rust tokenizer) and, as a cross-check,
// `js-tiktoken` (pure JavaScript, bundled ranks). The script fails if the two disagree. The tests assert that
// TokenCounter equals these counts.
//
// Usage (in a scratch directory outside the repository, so node_modules never lands in it):
//   mkdir -p /tmp/tik && cd /tmp/tik && npm init -y && npm install tiktoken js-tiktoken
//   cp <repo>/tests/FineTuning.Toolkit.Tests/Validation/TestData/generate-token-counts.mjs /tmp/tik/
//   node /tmp/tik/generate-token-counts.mjs > <repo>/tests/FineTuning.Toolkit.Tests/Validation/TestData/tiktoken-counts.json
import { readFileSync } from "node:fs";
import { get_encoding } from "tiktoken";
import { getEncoding } from "js-tiktoken";

const version = (name) =>
  JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), "utf8")).version;

const lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. ";
const techflow = "You are TechFlow's helpful support assistant. Be friendly, concise, and always offer next steps.";
let seed = 42;
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
const alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?'\"()[]{}<>-_=+*/\\@#$%^&|~` \n\t éèàüöß 日本語中文한국어 😀🔐💰✅❌";
const pseudoRandom = (n) => Array.from({ length: n }, () => [...alphabet][next() % [...alphabet].length]).join("");

const texts = [
  "",
  " ",
  "Hello, world!",
  "How do I reset my password?",
  techflow,
  "I'd be happy to help you reset your password! 🔐\n\n**Quick Steps:**\n1. Go to techflow.com/reset\n2. Enter your email address\n3. Click the reset link in your email\n4. Create your new password\n\n**Need more help?** Let me know if the reset email doesn't arrive within 5 minutes!",
  "Great question! Here's our current pricing: 💰\n\n**Plans:**\n- **Free**: $0/mo - Up to 100 tasks\n- **Pro**: $19/mo - Unlimited tasks + analytics\n- **Team**: $49/mo - Everything in Pro + collaboration\n- **Enterprise**: Custom - Contact sales",
  "I'd be happy to help you reset your password! üîê",
  "😀😃😄😁😆😅🤣😂🙂🙃😉😊😇 👨‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇫🇷🇯🇵",
  "日本語のテキストをトークン化します。東京は日本の首都です。",
  "中文分词测试：我们今天去北京天安门广场。",
  "한국어 텍스트도 포함합니다. 안녕하세요!",
  "Привет, мир! Как дела? Ελληνικά κείμενα. العربية نص. עברית טקסט. हिन्दी पाठ।",
  "public static async Task<int> Main(string[] args)\n{\n    var x = args.Length > 0 ? int.Parse(args[0]) : 42;\n    await Task.Delay(10).ConfigureAwait(false);\n    return x * 2;\n}\n",
  "def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n\nprint([fib(i) for i in range(20)])\n",
  "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}], \"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"parameters\": {\"type\": \"object\"}}}]}",
  "SELECT u.id, COUNT(*) AS n FROM users u JOIN orders o ON o.user_id = u.id WHERE o.created_at >= '2024-01-01' GROUP BY u.id HAVING COUNT(*) > 3;",
  "    indented\twith\ttabs   and   multiple    spaces\r\n\r\nand CRLF line endings\n\n\n",
  "1234567890 3.14159 -42 1e10 0xDEADBEEF 1,000,000 $19.99 100%",
  "https://techflow.com/reset?token=abc123&user=jane.doe%40example.com#section-2",
  "Ã© Ã¨ â€™ â€œ â€ ðŸ˜€ Â£ mojibake text",
  "A".repeat(1000),
  "ab ".repeat(2000),
  lorem.repeat(200),
  (techflow + " " + lorem).repeat(50),
  pseudoRandom(5000),
  pseudoRandom(20000),
];

const count = (encoding) => {
  const wasm = get_encoding(encoding);
  const js = getEncoding(encoding);
  return (text) => {
    const a = wasm.encode(text).length;
    const b = js.encode(text).length;
    if (a !== b) {
      throw new Error(`tiktoken (${a}) and js-tiktoken (${b}) disagree on ${encoding} for ${JSON.stringify(text.slice(0, 40))}`);
    }
    return a;
  };
};
const o200k = count("o200k_base");
const cl100k = count("cl100k_base");
const cases = texts.map((text) => ({ text, o200k_base: o200k(text), cl100k_base: cl100k(text) }));
const generator = `tiktoken ${version("tiktoken")} (checked against js-tiktoken ${version("js-tiktoken")})`;
process.stdout.write(JSON.stringify({ generator, cases }, null, 1) + "\n");
