// The students' page of a live class: written by the classroom work (placeholder).
import '../../../assets/theme/kit.css';
export {};
