// The Japanese demo's bot: what Hana answers, in Japanese, through the shared demo engine.
import {hatCard, languageBot} from './language-bot.js';

const hats = [
  {
    id: 'fedora',
    title: 'ラスト フェドーラ',
    text: 'フェルト、¥12,800。毎日使えるクラシックなつば。',
    colour: '#b45309',
  },
  {
    id: 'beanie',
    title: 'ミッドナイト ビーニー',
    text: 'メリノウール、¥4,800。二重編みでいちばん暖かい一品。',
    colour: '#1e3a8a',
  },
  {
    id: 'bucket',
    title: 'フォレスト バケットハット',
    text: 'コットン、¥6,400。日差しに強く、たたんで持ち運べます。',
    colour: '#166534',
  },
  {
    id: 'beret',
    title: 'プラム ベレー帽',
    text: 'ウール、¥7,200。やわらかく、かぶるほどなじみます。',
    colour: '#6b21a8',
  },
];
const card = (hat) => hatCard(hat, {more: '詳しく見る', sizeGuide: 'サイズガイド'});

const sizes = {
  type: 'markdown',
  text: '帽子のサイズは4種類です。\n\n| サイズ | 頭囲 |\n| --- | --- |\n| S | 54 cm |\n| M | 56 cm |\n| L | 58 cm |\n| XL | 60 cm |\n\n**耳と眉のすぐ上**をぐるりと測ってください。',
};
const shipping = {
  type: 'markdown',
  text: 'ご注文から**2〜4営業日**でお届けします。¥5,000以上のご注文は*送料無料*です。',
};
const choice = {
  type: 'choice',
  text: 'どんな帽子をお探しですか？',
  buttons: [
    {label: '暖かいもの', payload: 'warm'},
    {label: '日よけになるもの', payload: 'sun'},
    {label: '全部見せて', payload: 'all'},
  ],
};

document.querySelector('chat-widget').bot = languageBot({
  routes: [
    {words: ['サイズ', '大きさ', '寸法', '頭囲'], reply: sizes},
    {words: ['配送', '送料', '発送', '配達', '届'], reply: shipping},
    {words: ['返品', '返金', '交換'], reply: '30日以内なら、どの帽子も理由を問わず返品いただけます。'},
    {words: ['帽子', 'ぼうし', 'おすすめ', 'オススメ', '見せて', 'ハット'], reply: choice},
    {
      words: ['こんにちは', 'こんばんは', 'おはよう', 'はじめまして', 'もしもし'],
      reply: 'こんにちは！ハナです。サイズ、配送、返品のご質問や、帽子選びのお手伝いができます。',
    },
  ],
  buttons: {
    shipping,
    warm: {type: 'card', ...card(hats[1])},
    sun: {type: 'card', ...card(hats[2])},
    all: ['全商品はこちらです：', {type: 'carousel', cards: hats.map(card)}],
    ...Object.fromEntries(
      hats.map((hat) => [
        `more:${hat.id}`,
        {type: 'markdown', text: `**${hat.title}**：${hat.text}\n\n- ポルトガル製\n- 30日間返品無料`},
      ])
    ),
  },
  fallback: 'デモ用のボットです。サイズ、配送、返品、帽子について聞いてみてください。',
});
