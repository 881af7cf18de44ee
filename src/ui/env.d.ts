declare module 'virtual:kit-fonts.css';
