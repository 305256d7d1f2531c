// The Arabic demo's bot: what Sara answers, in Arabic, through the shared demo engine.
import {hatCard, languageBot} from './language-bot.js';

const hats = [
  {
    id: 'fedora',
    title: 'فيدورا بلون الصدأ',
    text: 'لباد، ٧٩ يورو. حافة كلاسيكية لكل يوم.',
    colour: '#b45309',
  },
  {
    id: 'beanie',
    title: 'قبعة صوف كحلية',
    text: 'صوف ميرينو، ٢٩ يورو. الأدفأ عندنا: حياكة مزدوجة.',
    colour: '#1e3a8a',
  },
  {
    id: 'bucket',
    title: 'قبعة باكيت خضراء',
    text: 'قطن، ٣٩ يورو. تحمي من الشمس وتُطوى بسهولة.',
    colour: '#166534',
  },
  {
    id: 'beret',
    title: 'بيريه بلون البرقوق',
    text: 'صوف، ٤٥ يورو. ناعم ويتشكّل مع الارتداء.',
    colour: '#6b21a8',
  },
];
const card = (hat) => hatCard(hat, {more: 'أخبرني المزيد', sizeGuide: 'دليل المقاسات'});

const sizes = {
  type: 'markdown',
  text: 'قبعاتنا بأربعة مقاسات:\n\n| المقاس | محيط الرأس |\n| --- | --- |\n| صغير | ٥٤ سم |\n| وسط | ٥٦ سم |\n| كبير | ٥٨ سم |\n| كبير جدًا | ٦٠ سم |\n\nقِس محيط رأسك **فوق الأذنين والحاجبين مباشرة**.',
};
const shipping = {
  type: 'markdown',
  text: 'يستغرق التوصيل **من يومين إلى أربعة أيام عمل**، وهو *مجاني* للطلبات التي تزيد على ٥٠ يورو.',
};
const choice = {
  type: 'choice',
  text: 'ما الذي تبحث عنه؟',
  buttons: [
    {label: 'شيء دافئ', payload: 'warm'},
    {label: 'شيء للشمس', payload: 'sun'},
    {label: 'أرني التشكيلة كلها', payload: 'all'},
  ],
};

document.querySelector('chat-widget').bot = languageBot({
  routes: [
    {words: ['مقاس', 'قياس', 'حجم', 'محيط'], reply: sizes},
    {words: ['توصيل', 'شحن', 'يصل', 'وصول'], reply: shipping},
    {
      words: ['إرجاع', 'استرجاع', 'استبدال', 'استرداد'],
      reply: 'يمكنك إرجاع أي قبعة خلال ٣٠ يومًا دون أي أسئلة.',
    },
    {words: ['قبع', 'اقترح', 'انصح', 'أرني'], reply: choice},
    {
      words: ['مرحب', 'أهلا', 'السلام', 'سلام', 'صباح', 'مساء'],
      reply: 'أهلًا وسهلًا! أنا سارة. أستطيع مساعدتك في المقاسات والتوصيل والإرجاع، أو أن أقترح عليك قبعة.',
    },
  ],
  buttons: {
    shipping,
    warm: {type: 'card', ...card(hats[1])},
    sun: {type: 'card', ...card(hats[2])},
    all: ['إليك التشكيلة كلها:', {type: 'carousel', cards: hats.map(card)}],
    ...Object.fromEntries(
      hats.map((hat) => [
        `more:${hat.id}`,
        {
          type: 'markdown',
          text: `**${hat.title}**: ${hat.text}\n\n- صُنعت في البرتغال\n- إرجاع مجاني خلال ٣٠ يومًا`,
        },
      ])
    ),
  },
  fallback: 'أنا بوت تجريبي: جرّب أن تسأل عن المقاسات أو التوصيل أو الإرجاع أو القبعات.',
});
