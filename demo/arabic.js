// The Arabic demo's bot: what Sara answers, in Arabic, through the shared demo engine.
import {hatShopBot} from './language-bot.js';

document.querySelector('chat-widget').bot = hatShopBot({
  hats: [
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
  ],
  cardButtons: {more: 'أخبرني المزيد', sizeGuide: 'دليل المقاسات'},
  // Written as people write them: the engine ignores vowel marks and the forms of alef.
  words: {
    sizes: ['مقاس', 'قياس', 'حجم', 'محيط'],
    shipping: ['توصيل', 'شحن', 'يصل', 'وصول'],
    returns: ['إرجاع', 'استرجاع', 'استبدال', 'استرداد'],
    hats: ['قبع', 'اقترح', 'انصح', 'أرني'],
    greeting: ['مرحب', 'أهلا', 'السلام', 'سلام', 'صباح', 'مساء'],
  },
  answers: {
    sizes:
      'قبعاتنا بأربعة مقاسات:\n\n| المقاس | محيط الرأس |\n| --- | --- |\n| صغير | ٥٤ سم |\n| وسط | ٥٦ سم |\n| كبير | ٥٨ سم |\n| كبير جدًا | ٦٠ سم |\n\nقِس محيط رأسك **فوق الأذنين والحاجبين مباشرة**.',
    shipping: 'يستغرق التوصيل **من يومين إلى أربعة أيام عمل**، وهو *مجاني* للطلبات التي تزيد على ٥٠ يورو.',
    returns: 'يمكنك إرجاع أي قبعة خلال ٣٠ يومًا دون أي أسئلة.',
    greeting: 'أهلًا وسهلًا! أنا سارة. أستطيع مساعدتك في المقاسات والتوصيل والإرجاع، أو أن أقترح عليك قبعة.',
    choice: {text: 'ما الذي تبحث عنه؟', warm: 'شيء دافئ', sun: 'شيء للشمس', all: 'أرني التشكيلة كلها'},
    everything: 'إليك التشكيلة كلها:',
    details: (hat) => `**${hat.title}**: ${hat.text}\n\n- صُنعت في البرتغال\n- إرجاع مجاني خلال ٣٠ يومًا`,
    fallback: 'أنا بوت تجريبي: جرّب أن تسأل عن المقاسات أو التوصيل أو الإرجاع أو القبعات.',
  },
});
