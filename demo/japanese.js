// The Japanese demo's bot: what Hana answers, in Japanese, through the shared demo engine.
import {hatShopBot} from './language-bot.js';

document.querySelector('chat-widget').bot = hatShopBot({
  hats: [
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
  ],
  cardButtons: {more: '詳しく見る', sizeGuide: 'サイズガイド'},
  // The engine folds half-width katakana into full-width (ｻｲｽﾞ is サイズ).
  words: {
    sizes: ['サイズ', '大きさ', '寸法', '頭囲'],
    shipping: ['配送', '送料', '発送', '配達', '届'],
    returns: ['返品', '返金', '交換'],
    hats: ['帽子', 'ぼうし', 'おすすめ', 'オススメ', '見せて', 'ハット'],
    greeting: ['こんにちは', 'こんばんは', 'おはよう', 'はじめまして', 'もしもし'],
  },
  answers: {
    sizes:
      '帽子のサイズは4種類です。\n\n| サイズ | 頭囲 |\n| --- | --- |\n| S | 54 cm |\n| M | 56 cm |\n| L | 58 cm |\n| XL | 60 cm |\n\n**耳と眉のすぐ上**をぐるりと測ってください。',
    shipping: 'ご注文から**2〜4営業日**でお届けします。¥5,000以上のご注文は*送料無料*です。',
    returns: '30日以内なら、どの帽子も理由を問わず返品いただけます。',
    greeting: 'こんにちは！ハナです。サイズ、配送、返品のご質問や、帽子選びのお手伝いができます。',
    choice: {
      text: 'どんな帽子をお探しですか？',
      warm: '暖かいもの',
      sun: '日よけになるもの',
      all: '全部見せて',
    },
    everything: '全商品はこちらです：',
    details: (hat) => `**${hat.title}**：${hat.text}\n\n- ポルトガル製\n- 30日間返品無料`,
    fallback: 'デモ用のボットです。サイズ、配送、返品、帽子について聞いてみてください。',
  },
});
