import { localizeServerMessage } from './server-message';

describe('localizeServerMessage', () => {
  const message = 'Sai tên đăng nhập hoặc mật khẩu / Wrong username or password';

  it('shows the Vietnamese half to Vietnamese readers and the English half to English readers', () => {
    expect(localizeServerMessage(message, 'vi')).toBe('Sai tên đăng nhập hoặc mật khẩu');
    expect(localizeServerMessage(message, 'en')).toBe('Wrong username or password');
  });

  it('keeps a message that is not bilingual whole', () => {
    expect(localizeServerMessage('Máy chủ đang bảo trì', 'en')).toBe('Máy chủ đang bảo trì');
    expect(localizeServerMessage('a / b / c', 'vi')).toBe('a / b / c');
    expect(localizeServerMessage(' / English only', 'vi')).toBe(' / English only');
  });
});
