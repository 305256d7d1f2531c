import type {InterfaceStrings} from '../strings.js';

/** The interface in Korean. */
export default {
  chatWith: '{name}와(과) 채팅',
  unread: {other: '읽지 않은 메시지 {count}개'},
  closeChat: '채팅 닫기',
  conversation: '대화',
  messageLabel: '메시지',
  placeholder: '메시지 입력…',
  send: '보내기',
  stop: '중지',
  incomplete: '미완료',
  connecting: '연결 중…',
  reconnecting: '다시 연결 중…',
  offline: '오프라인: 다시 온라인 상태가 되면 메시지가 전송됩니다',
  notDelivered: '전송되지 않음.',
  retry: '다시 시도',
  showEarlier: '이전 메시지 보기',
  typing: '{name} 님이 입력 중…',
  you: '나',
  messagesFrom: '{name}의 메시지',
  dismiss: '닫기',
  dismissMessages: '메시지 닫기',
  more: {other: '{count}개 더 보기'},
} satisfies InterfaceStrings;
