declare module 'virtual:kit-cjk-fonts.css';
